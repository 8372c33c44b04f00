// Keyhold in a right-to-left language: Chromium runs in Arabic (fixtures/locale.ts), so the browser
// picks the extension's Arabic catalogue; the popup and the full-page vault must then say
// lang="ar" dir="rtl", lay out mirrored (the search field's icon on the right, the vault page's
// filters on the right) and fit their width without scrolling sideways.
import { rmSync } from 'node:fs';
import { expect, test as base, type Page } from '@playwright/test';
import { extensionServiceWorker, launchWithExtension } from '../fixtures/extension.js';
import { extensionWithLocale, localeLaunchOptions } from '../fixtures/locale.js';
import { createVault } from '../fixtures/protocol.js';
import { watchErrors } from './vault-support.js';

const test = base;
type WithI18n = { chrome: { i18n: { getMessage(key: string): string } } };

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'no horizontal overflow').toBeLessThanOrEqual(clientWidth);
}

test('in Arabic the popup and the vault page are right to left, mirrored, and fit their width', async () => {
  const extension = extensionWithLocale('ar');
  test
    .info()
    .annotations.push({ type: 'catalogue', description: extension.translated ? 'the Arabic translation' : 'a stand-in (no _locales/ar yet)' });
  const { context, profileDir } = await launchWithExtension({ extensionDir: extension.dir, ...localeLaunchOptions('ar') });
  try {
    const worker = await extensionServiceWorker(context);
    const base = `chrome-extension://${new URL(worker.url()).host}`;
    expect(await worker.evaluate(() => (globalThis as unknown as WithI18n).chrome.i18n.getMessage('meta_locale'))).toBe('ar');

    const popup = await context.newPage();
    const errors = watchErrors(popup);
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`${base}/popup.html`);
    await expect(popup.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(popup.locator('html')).toHaveAttribute('lang', 'ar');
    await createVault(popup);
    await popup.reload();
    const search = popup.getByTestId('search');
    await expect(search).toBeVisible();
    const field = (await search.boundingBox())!;
    const icon = (await popup.locator('.search .icon').boundingBox())!;
    expect(icon.x, "the search icon sits at the field's right end").toBeGreaterThan(field.x + field.width / 2);
    expect(await search.evaluate((input) => getComputedStyle(input).direction)).toBe('rtl');
    await noSidewaysScroll(popup);

    const vault = await context.newPage();
    const vaultErrors = watchErrors(vault);
    await vault.setViewportSize({ width: 1280, height: 800 });
    await vault.goto(`${base}/vault.html`);
    await expect(vault.locator('html')).toHaveAttribute('dir', 'rtl');
    const sidebar = (await vault.locator('.sidebar').boundingBox())!;
    const list = (await vault.locator('main.page-list').boundingBox())!;
    expect(sidebar.x, 'the filters are on the right of the list').toBeGreaterThan(list.x);
    await noSidewaysScroll(vault);

    errors.check();
    vaultErrors.check();
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(extension.dir, { recursive: true, force: true });
  }
});
