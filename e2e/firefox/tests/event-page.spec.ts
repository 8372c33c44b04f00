// Firefox's MV3 background is an event page: unloaded when idle, loaded again by the next event
// (docs/adr/0011-firefox-mv3.md). Here the profile unloads it after 1 s idle instead of 30 s. An
// unlocked vault must stay unlocked across that (the session is in storage.session), its items
// readable, and autofill working on a page opened afterwards.
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startTestSites } from '../../fixtures/test-sites.js';
import { launchFirefox, sendOk } from '../fixtures/firefox.js';
import { chooseFromMenu, poll, settle, valuesOf } from '../fixtures/page-ui.js';
import { loginItem } from '../../fixtures/items.js';

/** Extension views open now, by path: the background page is one while it is loaded. */
const views = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { browser: { extension: { getViews(): Window[] } } }).browser.extension.getViews().map((w) => w.location.pathname),
  );

/** A value kept in the background page's memory: a new one after the page is loaded again. */
const backgroundInstance = (page: Page) =>
  page.evaluate(async () => {
    const b = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window & { __keyholdTestInstance?: string }> } } })
      .browser;
    const background = await b.runtime.getBackgroundPage();
    background.__keyholdTestInstance ??= crypto.randomUUID();
    return background.__keyholdTestInstance;
  });

test('the event page unloaded when idle and woken by a message keeps the vault unlocked and autofill working', async () => {
  const fx = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': 1000 } });
  const sites = await startTestSites();
  try {
    const popup = await fx.openExtensionPage('popup.html');
    await sendOk(popup, 'vault.create', { password: 'violet-anchor-harbor-91-lantern' });
    await sendOk(popup, 'vault.confirmRecovery');
    await sendOk(popup, 'items.save', {
      item: loginItem('Test site', { username: 'octo', urls: [{ url: 'http://127.0.0.1', match: 'default' }], password: 'after-wake-pw' }),
    });
    const before = await backgroundInstance(popup);

    await poll(async () => (await views(popup)).some((p) => p.includes('background')), false);
    expect(await sendOk(popup, 'vault.status')).toMatchObject({ state: 'unlocked', itemCount: 1 });
    expect(await backgroundInstance(popup)).not.toBe(before);
    const listed = await sendOk<{ rows: { name: string }[] }>(popup, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    expect(listed.rows.map((r) => r.name)).toEqual(['Test site']);

    // Unloaded again, then a page's login form is what wakes it.
    await poll(async () => (await views(popup)).some((p) => p.includes('background')), false);
    const page = await fx.browser.newPage();
    await page.goto(sites.httpIp.url('/autofill/login.html'));
    await settle();
    await chooseFromMenu(fx, page, page.mainFrame(), '#username', 'Test site');
    await poll(() => valuesOf(page.mainFrame(), 'username', 'password'), ['octo', 'after-wake-pw']);
  } finally {
    await sites.close();
    await fx.close();
  }
});
