// Clearing a copied secret in Firefox. Chrome reaches the clipboard from an offscreen document;
// Firefox has none, and its MV3 background, an event page, is itself a document that does the
// clearing (clipboard/clipboard-clear.ts, docs/adr/0011-firefox-mv3.md). Ctrl+C on a row copies
// its password; after the configured seconds it is gone, unless the user copied something else.
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, sendOk } from '../fixtures/firefox.js';
import { fill, waitForText } from '../fixtures/popup-ui.js';
import { loginItem } from '../../fixtures/items.js';

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('a copied password is cleared from the clipboard after 5 s, and a replaced clipboard left alone', async () => {
  const fx = await launchFirefox();
  try {
    const page = await fx.openExtensionPage('popup.html');
    await sendOk(page, 'vault.create', { password: 'violet-anchor-harbor-91-lantern' });
    await sendOk(page, 'vault.confirmRecovery');
    await sendOk(page, 'settings.set', { clipboardClearSeconds: 5 });
    await sendOk(page, 'items.save', {
      item: loginItem('Bank', { username: 'ada', urls: [], password: 'Tr0ub4dor&3-bank' }),
    });
    await page.evaluate(() => location.reload());
    await waitForText(page, 'Bank');

    await fill(page, 'Search the vault', 'bank');
    await page.keyboard.down('Control');
    await page.keyboard.press('c');
    await page.keyboard.up('Control');
    await waitForText(page, 'Password copied — clears in 5 s');
    expect(await readClipboard(page)).toBe('Tr0ub4dor&3-bank');
    // The user copies something else meanwhile: it must survive the clearing.
    await page.evaluate(() => navigator.clipboard.writeText('my own text'));
    await new Promise((r) => setTimeout(r, 6000));
    expect(await readClipboard(page)).toBe('my own text');

    await page.keyboard.down('Control');
    await page.keyboard.press('c');
    await page.keyboard.up('Control');
    expect(await readClipboard(page)).toBe('Tr0ub4dor&3-bank');
    await expect.poll(() => readClipboard(page), { timeout: 12_000, intervals: [1_000] }).not.toBe('Tr0ub4dor&3-bank');
  } finally {
    await fx.close();
  }
});
