// Related domains in real Chromium with the built extension: a login saved for one site of a group
// (gap.test) is offered in the inline menu on another site of the group (www.gapcanada.test),
// labelled "from gap.test", and fills there; the popup's suggestions say the same. The test sites
// are the loopback servers under real host names (Chromium maps *.test to 127.0.0.1), so the
// registrable domains are what the matcher sees on the web. The group is the user's own, set
// through the settings message the Settings screen uses. The last test is the sibling-subdomain rule
// (ADR 0005): a login saved on one subdomain asks once before it fills on another.
import { test, expect } from '@playwright/test';
import { sendOk } from '../fixtures/protocol.js';
import { readUi, settle, READ_DELAY_MS, startAutofillWorld, tabIdOf, waitForEntry, type AutofillWorld } from './autofill-support.js';

test.describe.configure({ mode: 'serial' });

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld({ args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
  await sendOk(world.admin, 'settings.set', { relatedDomains: { custom: [['gap.test', 'gapcanada.test']], disabled: [] } });
});
test.afterAll(async () => {
  await world?.close();
});
test.beforeEach(async () => {
  await world.clearItems();
});

/** The http test site under another host name (same server, same port). */
const onHost = (host: string, path: string) => {
  const url = new URL(world.sites.httpIp.url(path));
  url.hostname = host;
  return url.href;
};

test('a login saved for gap.test is offered on gapcanada.test as "from gap.test", after the site\'s own, and fills', async () => {
  await world.addLogin({ name: 'Gap', username: 'octo@gap', password: 'gap-pw', urls: [{ url: onHost('www.gap.test', '/') }] });
  await world.addLogin({ name: 'Gap Canada', username: 'octo@ca', password: 'ca-pw', urls: [{ url: onHost('gapcanada.test', '/') }] });
  await world.addLogin({ name: 'Elsewhere', username: 'nobody', urls: [{ url: onHost('other.test', '/') }] });
  const page = await world.context.newPage();
  await page.goto(onHost('www.gapcanada.test', '/autofill/login.html'));
  await settle(page);

  await page.click('#username');
  const related = await waitForEntry(page, 'from gap.test');
  expect(related).toMatchObject({ title: 'Gap', detail: 'octo@gap' });
  const ui = await readUi(page);
  expect(ui.entries.map((e) => e.title)).toEqual(['Gap Canada', 'Gap']);
  expect(ui.text).not.toContain('Elsewhere');
  // A real click on it, once the menu has been on screen long enough to be read.
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(related.x, related.y);
  await expect(page.locator('#username')).toHaveValue('octo@gap');
  await expect(page.locator('#password')).toHaveValue('gap-pw');

  // The popup speaking for that tab lists it too, after the site's own, saying where it is from.
  const popup = await world.context.newPage();
  await popup.goto(`chrome-extension://${world.extensionId}/popup.html?tabId=${await tabIdOf(world, page)}`);
  const rows = popup.locator('[data-testid="item-row"]');
  await expect(rows.first()).toContainText('Gap Canada');
  await expect(popup.locator('[data-testid="item-row"]', { hasText: 'from gap.test' })).toContainText('Gap');
  await popup.close();
  await page.close();
});

test('without the group, the other site is offered nothing', async () => {
  await world.addLogin({ name: 'Gap', urls: [{ url: onHost('gap.test', '/') }] });
  await sendOk(world.admin, 'settings.set', { relatedDomains: { custom: [], disabled: [] } });
  try {
    const page = await world.context.newPage();
    await page.goto(onHost('gapcanada.test', '/autofill/login.html'));
    await settle(page);
    await page.click('#username');
    await page.waitForTimeout(1000);
    expect((await readUi(page)).text).not.toContain('Gap');
    await page.close();
  } finally {
    await sendOk(world.admin, 'settings.set', { relatedDomains: { custom: [['gap.test', 'gapcanada.test']], disabled: [] } });
  }
});

test('a login saved on accounts.example.test asks before it fills on shop.example.test, once, naming both hosts', async () => {
  const id = await world.addLogin({
    name: 'Accounts',
    username: 'octo@example',
    password: 'acc-pw',
    urls: [{ url: onHost('accounts.example.test', '/') }],
  });
  await world.addLogin({ name: 'Whole site', username: 'octo-site', urls: [{ url: onHost('example.test', '/') }] });
  const page = await world.context.newPage();
  await page.goto(onHost('shop.example.test', '/autofill/login.html'));
  await settle(page);

  await page.click('#username');
  const sibling = await waitForEntry(page, 'saved for accounts.example.test');
  expect(sibling).toMatchObject({ title: 'Accounts', detail: 'octo@example' });
  // The login saved on the bare domain covers the whole site: no label, listed first.
  expect((await readUi(page)).entries.map((e) => e.title)).toEqual(['Whole site', 'Accounts']);
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(sibling.x, sibling.y);
  const confirm = await waitForEntry(page, 'Fill Accounts anyway');
  expect((await readUi(page)).notice).toBe('Use your accounts.example.test login on shop.example.test?');
  await expect(page.locator('#password')).toHaveValue('');
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(confirm.x, confirm.y);
  await expect(page.locator('#password')).toHaveValue('acc-pw');

  // Remembered on the item: shop.example.test is one of its websites now, and the next time asks nothing.
  const { item } = await sendOk<{ item: { urls: { url: string; match: string }[] } }>(world.admin, 'items.get', { id });
  expect(item.urls).toContainEqual({ url: new URL(onHost('shop.example.test', '/')).origin, match: 'host' });
  await page.reload();
  await settle(page);
  await page.click('#username');
  const again = await waitForEntry(page, 'Accounts');
  expect(again.text).not.toContain('saved for');
  await page.close();
});
