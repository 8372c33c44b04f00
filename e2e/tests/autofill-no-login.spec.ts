// A site with no saved login, in real Chromium: focusing its field opens nothing, but the field's
// icon opens a menu offering "Add a login for this site" and a search; adding opens Keyhold's window
// on the new-login form with the site filled in.
import { test, expect } from '@playwright/test';
import { iconBox, settle, startAutofillWorld, waitForEntry, waitForIconIn, readUi, READ_DELAY_MS, type AutofillWorld } from './autofill-support.js';

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld();
});
test.afterAll(async () => {
  await world?.close();
});

test('a field on a site with no login offers to add one, which opens the form with the site', async () => {
  await world.clearItems();
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  // A focus alone shows the icon only; the user's click opens the menu, whatever the vault holds
  // for the site (whether a menu appears must not tell the page that).
  await page.focus('#username');
  await waitForIconIn(page, '#username');
  await page.waitForTimeout(500);
  expect((await readUi(page)).present).toBe(false);
  const icon = (await iconBox(page))!;
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(icon.x + icon.width / 2, icon.y + icon.height / 2);
  await waitForEntry(page, 'Search Keyhold');
  const add = await waitForEntry(page, 'Add a login for this site');
  await page.waitForTimeout(READ_DELAY_MS);
  const opened = world.context.waitForEvent('page', { predicate: (p) => p.url().includes('start=new-login') });
  await page.mouse.click(add.x, add.y);
  const popup = await opened;
  await expect(popup.getByLabel('Website 1', { exact: true })).toHaveValue(new RegExp(`^${world.sites.httpIp.origin.replace(/[.]/g, '\\.')}`));
  await popup.close();
  await page.close();
});
