// Installing Keyhold in Firefox as README says, and the site access Firefox lets a person take away:
// the store zip installs and runs like the build folder; with access to websites switched off no
// login form gets our menu, the popup says why, and its button gives the access back.
import { test, expect } from '@playwright/test';
import { startTestSites, type TestSites } from '../../fixtures/test-sites.js';
import { launchFirefox, reloadExtensionPage, send, sendOk, type FirefoxWithExtension } from '../fixtures/firefox.js';
import { readmeFirefoxBuild } from '../fixtures/readme.js';
import { chooseFromMenu, poll, readUi, settle, valuesOf } from '../fixtures/page-ui.js';
import { clickButton, waitForTestId, waitForText } from '../fixtures/popup-ui.js';
import { loginItem } from '../../fixtures/items.js';

const PASSWORD = 'violet-anchor-harbor-91-lantern';

test("README's store zip installs as a temporary add-on and its vault works", async () => {
  expect(readmeFirefoxBuild().zip).toMatch(/keyhold-\d+\.\d+\.\d+-firefox\.zip$/);
  const fx = await launchFirefox({ fromZip: true });
  try {
    const page = await fx.openExtensionPage('popup.html');
    await waitForText(page, 'Welcome to Keyhold');
    await sendOk(page, 'vault.create', { password: PASSWORD });
    expect(await sendOk(page, 'vault.status')).toMatchObject({ state: 'unlocked' });
  } finally {
    await fx.close();
  }
});

test.describe('access to websites', () => {
  let fx: FirefoxWithExtension;
  let sites: TestSites;
  test.beforeAll(async () => {
    // Firefox asks with a prompt in its own window for permissions.request; headless, nobody can
    // click it, so the test profile answers yes as a person would.
    fx = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    sites = await startTestSites();
  });
  test.afterAll(async () => {
    await sites?.close();
    await fx?.close();
  });

  test('switched off, no page gets the menu and the popup asks; its button gives the access back', async () => {
    const popup = await fx.openExtensionPage('popup.html');
    await sendOk(popup, 'vault.create', { password: PASSWORD });
    await sendOk(popup, 'vault.confirmRecovery');
    await sendOk(popup, 'items.save', {
      item: loginItem('Test site', { username: 'octo', urls: [{ url: 'http://127.0.0.1', match: 'default' }], password: 'site-pw' }),
    });
    await reloadExtensionPage(popup);
    await waitForTestId(popup, 'search');
    expect(await popup.$('[data-testid="site-access"]')).toBeNull();

    // What about:addons' switch does: the host permissions are taken away.
    const removed = await popup.evaluate(() =>
      (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({
        origins: ['http://*/*', 'https://*/*'],
      }),
    );
    expect(removed).toBe(true);
    const page = await fx.browser.newPage();
    await page.goto(sites.httpIp.url('/autofill/login.html'));
    await settle();
    await page.click('#username');
    await settle(1000);
    expect((await readUi(fx, page.mainFrame())).present).toBe(false);
    const tabId = await popup.evaluate(async (url: string) => {
      const tabs = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser.tabs;
      return (await tabs.query({})).find((t) => t.url === url)?.id ?? -1;
    }, page.url());
    const listed = await sendOk<{ rows: { id: string }[] }>(popup, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    const fill = await send<{ filled: boolean }>(popup, 'autofill.fillFromPopup', { itemId: listed.rows[0]!.id, tabId });
    expect(fill.ok && fill.value.filled).toBe(false);
    expect(await valuesOf(page.mainFrame(), 'password')).toEqual(['']);

    await reloadExtensionPage(popup);
    await waitForTestId(popup, 'site-access');
    await waitForText(popup, 'Keyhold has no access to websites');
    await clickButton(popup, 'Allow access to websites');
    await poll(async () => (await popup.$('[data-testid="site-access"]')) === null, true);

    const again = await fx.browser.newPage();
    await again.goto(sites.httpIp.url('/autofill/login.html'));
    await settle();
    await chooseFromMenu(fx, again, again.mainFrame(), '#username', 'Test site');
    await poll(() => valuesOf(again.mainFrame(), 'username', 'password'), ['octo', 'site-pw']);
  });
});
