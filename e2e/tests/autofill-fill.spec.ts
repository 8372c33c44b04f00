// Autofill as a user meets it, in real Chromium with the built extension: the inline menu on a login
// form (mouse and keyboard), the icon in a login form a single-page app renders after load, a multi-step login that keeps the chosen account, a generated password
// in a signup form, the popup's "fill", save and update prompts (also across the navigation after
// the login), the one-time code of the next step, and a locked vault.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import { sendOk } from '../fixtures/protocol.js';
import {
  chooseFromMenu,
  iconBox,
  readUi,
  settle,
  startAutofillWorld,
  waitForEntry,
  waitForIconIn,
  waitForUi,
  READ_DELAY_MS,
  clickEntryUntil,
  type AutofillWorld,
} from './autofill-support.js';

test.describe.configure({ mode: 'serial' });

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld();
});
test.afterAll(async () => {
  await world?.close();
});
test.beforeEach(async () => {
  await world.clearItems();
});

test("the inline menu lists the site's logins and fills the chosen one on a click", async () => {
  await world.addLogin({ name: 'Test site', username: 'octo', password: 'first-pw', urls: [{ url: 'http://127.0.0.1' }] });
  await world.addLogin({ name: 'Elsewhere', username: 'nobody', urls: [{ url: 'https://elsewhere.example' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  await chooseFromMenu(page, page, '#username', 'Test site');
  await expect(page.locator('#username')).toHaveValue('octo');
  await expect(page.locator('#password')).toHaveValue('first-pw');
  const ui = await readUi(page);
  expect(ui.present).toBe(false);
  await page.close();
});

// Nothing is focused on these pages: the icon can only come from the page being watched for late
// fields (ADR 0006, "Late fields"). With no form at load, the always-on script's observer must notice it and
// load the engine; with a search box at load, the engine is already there and its own observer must.
for (const [what, query] of [
  ['no field at load: the always-on script notices it', ''],
  ['a search box at load: the engine already there notices it', '?search=1'],
] as const) {
  test(`a login form a script renders after load shows the icon in its username field without a focus (${what})`, async () => {
    await world.addLogin({ name: 'Test site', username: 'octo', password: 'spa-pw', urls: [{ url: 'http://127.0.0.1' }] });
    const page = await world.context.newPage();
    await page.goto(world.sites.httpIp.url(`/autofill/spa-login.html${query}`));
    await settle(page);
    expect(await iconBox(page)).toBeNull();
    await page.waitForFunction(() => (window as unknown as { formRendered?: boolean }).formRendered === true);
    await waitForIconIn(page, '#username');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // It is the inline menu's icon: a real click on it lists the site's login.
    const icon = (await iconBox(page))!;
    await page.waitForTimeout(READ_DELAY_MS);
    await page.mouse.click(icon.x + icon.width / 2, icon.y + icon.height / 2);
    await waitForEntry(page, 'Test site');
    await page.close();
  });
}

test('the menu is keyboard navigable from the field: ArrowDown, Enter', async () => {
  await world.addLogin({ name: 'Alpha', username: 'alpha', password: 'alpha-pw', urls: [{ url: 'http://127.0.0.1' }] });
  await world.addLogin({ name: 'Beta', username: 'beta', password: 'beta-pw', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  await page.click('#username');
  await waitForEntry(page, 'Beta');
  await page.waitForTimeout(READ_DELAY_MS);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('#password')).toHaveValue('beta-pw');
  await expect(page.locator('#username')).toHaveValue('beta');
  await page.close();
});

test('the next step of a multi-step login offers the account chosen on the first step first', async () => {
  await world.addLogin({ name: 'Alpha', username: 'alpha@example.test', password: 'alpha-pw', urls: [{ url: 'http://127.0.0.1' }] });
  await world.addLogin({ name: 'Beta', username: 'beta@example.test', password: 'beta-pw', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/step1.html'));
  await settle(page);
  await chooseFromMenu(page, page, '#email', 'Beta');
  await expect(page.locator('#email')).toHaveValue('beta@example.test');
  await page.click('button[type=submit]');
  await page.waitForURL(/step2/);
  await settle(page);
  await page.click('#password');
  await waitForEntry(page, 'Beta');
  const ui = await readUi(page);
  expect(ui.entries.map((e) => e.title)).toEqual(['Beta', 'Alpha']);
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(ui.entries[0]!.x, ui.entries[0]!.y);
  await expect(page.locator('#password')).toHaveValue('beta-pw');
  await page.close();
});

test('a new-password field gets a generated password in both fields, kept in the generator history', async () => {
  await world.addLogin({ name: 'Test site', username: 'octo', password: 'saved-pw', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/signup.html'));
  await settle(page);
  await page.click('#new-password');
  const ui = await waitForUi(page);
  expect(ui.entries.map((e) => e.title)).toEqual(['Generate a strong password']);
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(ui.entries[0]!.x, ui.entries[0]!.y);
  await expect(page.locator('#new-password')).not.toHaveValue('');
  const generated = await page.inputValue('#new-password');
  expect(generated).not.toBe('saved-pw');
  expect(generated.length).toBeGreaterThanOrEqual(16);
  await expect(page.locator('#confirm')).toHaveValue(generated);
  const history = await sendOk<{ entries: { value: string }[] }>(world.admin, 'generator.history');
  expect(history.entries.map((e) => e.value)).toContain(generated);
  await page.close();
});

test('the popup\'s "fill" fills the login form of the tab', async () => {
  const id = await world.addLogin({ name: 'Test site', username: 'octo', password: 'popup-pw', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page, 1200);
  const tabId = await world.admin.evaluate(async (url) => {
    const tabs = await (
      globalThis as unknown as { chrome: { tabs: { query: (q: object) => Promise<{ id: number; url: string }[]> } } }
    ).chrome.tabs.query({});
    return tabs.find((t) => t.url === url)!.id;
  }, page.url());
  // The popup speaking for that tab (popup.html?tabId=N, as a test cannot open the toolbar popup):
  // its current-site suggestion has a "Fill" button for the pointer, and Shift+Enter for the keyboard.
  const popup = await world.context.newPage();
  await popup.goto(`chrome-extension://${world.extensionId}/popup.html?tabId=${tabId}`);
  const suggestion = popup.getByTestId('suggestions').getByRole('option', { name: /Test site/ });
  await expect(suggestion).toHaveAttribute('aria-keyshortcuts', 'Shift+Enter');
  // No control nested in the option (axe: nested-interactive), in either theme.
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page: popup }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await popup.getByTestId('suggestions').locator('.row-fill').click();
  await expect(page.locator('#username')).toHaveValue('octo');
  await expect(page.locator('#password')).toHaveValue('popup-pw');
  await page.locator('#password').fill('');
  await popup.getByTestId('search').focus();
  await popup.keyboard.press('Shift+Enter');
  await expect(page.locator('#password')).toHaveValue('popup-pw');
  // The same path through the protocol, for the item id the button used.
  await page.locator('#password').fill('');
  expect(await sendOk<{ filled: boolean }>(world.admin, 'autofill.fillFromPopup', { itemId: id, tabId })).toEqual({ filled: true });
  await expect(page.locator('#password')).toHaveValue('popup-pw');
  await popup.close();
  await page.close();
});

test('after typing a new login and signing in, "Save login" follows to the next page and saves it', async () => {
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  await page.click('#username');
  await page.keyboard.type('grace');
  await page.click('#password');
  await page.keyboard.type('typed-secret-1');
  await page.keyboard.press('Enter');
  await page.waitForURL(/welcome/);
  const save = await waitForEntry(page, 'Save', 'keyhold-bar');
  expect((await readUi(page, 'keyhold-bar')).text).toContain('Save login for 127.0.0.1');
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(save.x, save.y);
  await expect
    .poll(async () =>
      (
        await sendOk<{ rows: { subtitle: string }[] }>(world.admin, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })
      ).rows.map((r) => r.subtitle),
    )
    .toEqual(['grace']);
  await page.close();
});

test('a changed password offers "Update" and updates the saved login', async () => {
  const id = await world.addLogin({ name: 'Test site', username: 'octo', password: 'old-pw', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  await page.click('#username');
  await page.keyboard.press('Escape');
  await page.keyboard.type('octo');
  await page.click('#password');
  await page.keyboard.press('Escape');
  await page.keyboard.type('new-pw');
  await page.click('button[type=submit]');
  await page.waitForURL(/welcome/);
  const password = async () => (await sendOk<{ item: { password: string } }>(world.admin, 'items.get', { id })).item.password;
  await clickEntryUntil(page, 'Update', 'keyhold-bar', async () => (await password()) === 'new-pw');
  expect(await password()).toBe('new-pw');
  await page.close();
});

test('no prompt for values a page script put into the fields', async () => {
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  await page.evaluate(() => {
    (document.getElementById('username') as HTMLInputElement).value = 'planted';
    (document.getElementById('password') as HTMLInputElement).value = 'planted-pw';
    document.getElementById('password')!.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.click('button[type=submit]');
  await page.waitForURL(/welcome/);
  await page.waitForTimeout(1500);
  expect((await readUi(page, 'keyhold-bar')).present).toBe(false);
  await page.close();
});

test('the one-time code of the login just filled goes into the next step', async () => {
  await world.addLogin({ name: 'Test site', username: 'octo', password: 'pw', totp: 'JBSWY3DPEHPK3PXP', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login-to-2fa.html'));
  await settle(page);
  await chooseFromMenu(page, page, '#username', 'Test site');
  await expect(page.locator('#password')).toHaveValue('pw');
  await page.click('button[type=submit]');
  await page.waitForURL(/twofactor/);
  await expect(page.locator('#code')).toHaveValue(/^\d{6}$/, { timeout: 8000 });
  await page.close();
});

test('a locked vault offers to unlock and shows no usernames', async () => {
  await world.addLogin({ name: 'Secret name', username: 'secret-user', urls: [{ url: 'http://127.0.0.1' }] });
  await sendOk(world.admin, 'vault.lock');
  try {
    const page = await world.context.newPage();
    await page.goto(world.sites.httpIp.url('/autofill/login.html'));
    await settle(page);
    await page.click('#username');
    const unlock = await waitForEntry(page, 'Unlock Keyhold');
    const ui = await readUi(page);
    expect(ui.notice).toContain('locked');
    expect(ui.text).not.toContain('secret-user');
    expect(ui.text).not.toContain('Secret name');
    expect(unlock.title).toBe('Unlock Keyhold');
    // "Unlock Keyhold" opens Keyhold's popup (action.openPopup; a popup window where the browser refuses).
    await page.waitForTimeout(READ_DELAY_MS);
    await page.mouse.click(unlock.x, unlock.y);
    const popups = () =>
      world.admin.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: { runtime: { getContexts: (f: object) => Promise<{ documentUrl: string }[]> } } }).chrome;
        const views = await chrome.runtime.getContexts({ contextTypes: ['POPUP', 'TAB'] });
        return views.filter((v) => v.documentUrl.endsWith('/popup.html')).length;
      });
    await expect.poll(popups).toBeGreaterThan(1);
    await page.close();
  } finally {
    await sendOk(world.admin, 'vault.unlock', { password: 'violet-anchor-harbor-91-lantern' });
  }
});

test('a lock closes an open inline menu at once: no account name stays in the page', async () => {
  await world.addLogin({ name: 'Menu secret name', username: 'menu-secret-user', urls: [{ url: 'http://127.0.0.1' }] });
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  await page.click('#username');
  await waitForEntry(page, 'Menu secret name');
  try {
    await sendOk(world.admin, 'vault.lock');
    await expect.poll(async () => (await readUi(page)).present, { timeout: 1_000, intervals: [50] }).toBe(false);
  } finally {
    await sendOk(world.admin, 'vault.unlock', { password: 'violet-anchor-harbor-91-lantern' });
  }
  await page.close();
});
