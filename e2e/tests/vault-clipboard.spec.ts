// Copying: the item view's copy buttons and the list's Ctrl+C put the secret on the clipboard, a toast
// says when it clears, and after the configured seconds (10 s here) the clipboard is cleared — but
// only if it still holds what Keyhold put there.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { grantClipboard, popupWithVault, seedLogins } from './vault-support.js';

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

// Twenty seconds of waiting: in the wall-clock lane (playwright.config.ts). A headless Chromium's
// clipboard is its own, so the other lane's browser cannot change it.
test('copy a password, see it cleared after 10 s, and a replaced clipboard left alone', { tag: '@wall-clock' }, async ({ context, openPopup }) => {
  await grantClipboard(context);
  const { page, errors } = await popupWithVault(openPopup);
  await seedLogins(page, [{ name: 'Bank', username: 'ada', password: 'Tr0ub4dor&3-bank' }]);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Clear copied secrets from the clipboard').selectOption('10');
  await expect(page.getByTestId('toast')).toHaveText(/Setting saved/);
  await page.getByRole('button', { name: 'Back' }).click();
  await page.reload();

  // Ctrl+C on the active row copies its password.
  await page.getByTestId('search').fill('bank');
  await expect(page.locator('.item-row.active .row-name')).toHaveText('Bank');
  await page.keyboard.press('Control+c');
  await expect(page.getByTestId('toast')).toHaveText(/Password copied — clears in 10 s/);
  expect(await readClipboard(page)).toBe('Tr0ub4dor&3-bank');

  // The user copies something else meanwhile: it must survive the clearing.
  await page.evaluate(() => navigator.clipboard.writeText('my own text'));
  await page.waitForTimeout(11_000);
  expect(await readClipboard(page)).toBe('my own text');

  // From the item view: copy, then the clipboard is cleared after 10 s.
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Copy username' }).click();
  await expect(page.getByTestId('toast')).toHaveText(/^Username copied/);
  expect(await readClipboard(page)).toBe('ada');
  await page.getByRole('button', { name: 'Copy password' }).click();
  await expect(page.getByTestId('toast')).toHaveText(/Password copied — clears in 10 s/);
  expect(await readClipboard(page)).toBe('Tr0ub4dor&3-bank');
  await expect.poll(() => readClipboard(page), { timeout: 15_000, intervals: [1_000] }).not.toBe('Tr0ub4dor&3-bank');
  errors.check();
});
