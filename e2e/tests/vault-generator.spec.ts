// The generator: password length and character sets, look-alikes left out, passphrases from the EFF
// list with separator, capitalization and a number, entropy shown, history of copied values, and the
// generator inside the login form.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { grantClipboard, popupWithVault } from './vault-support.js';

const value = (page: Page) =>
  page
    .getByTestId('generated-value')
    .textContent()
    .then((t) => t ?? '');

test('passwords and passphrases, entropy and history', async ({ context, openPopup }) => {
  await grantClipboard(context);
  const { page, errors } = await popupWithVault(openPopup);
  await page.getByRole('button', { name: 'Password generator' }).click();

  // Defaults: 20 characters from all four sets.
  await expect.poll(async () => (await value(page)).length).toBe(20);
  await expect(page.getByTestId('entropy')).toHaveText(/^1[23]\d bits of entropy · Very strong$/);

  await page.getByLabel('Length in characters').fill('32');
  await page.getByLabel('Length in characters').press('Tab');
  await expect.poll(async () => (await value(page)).length).toBe(32);

  // Letters only; the last chosen set cannot be switched off.
  await page.getByRole('checkbox', { name: 'Digits 0–9' }).uncheck();
  await page.getByRole('checkbox', { name: 'Symbols !@#$' }).uncheck();
  await page.getByRole('checkbox', { name: 'Capital letters A–Z' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'Lower-case letters a–z' })).toBeDisabled();
  expect(await value(page)).toMatch(/^[a-z]{32}$/);
  await page.getByRole('checkbox', { name: 'Capital letters A–Z' }).check();
  await page.getByRole('checkbox', { name: 'Digits 0–9' }).check();
  await page.getByRole('checkbox', { name: /Avoid look-alikes/ }).check();
  for (let i = 0; i < 10; i++) {
    const v = await value(page);
    expect(v).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(v).not.toMatch(/[Il1O0o]/);
    expect(v).toMatch(/[0-9]/); // at least one from each chosen set
    expect(v).toMatch(/[A-Z]/);
    await page.getByRole('button', { name: 'Generate another' }).click();
  }

  // Passphrases: words from the EFF list, separator, capitals, a number.
  await page.getByRole('radio', { name: 'Passphrase' }).click();
  await expect.poll(async () => (await value(page)).split('-').length).toBe(6);
  await page.getByLabel('Words', { exact: true }).fill('4');
  await page.getByLabel('Separator').fill('.');
  await page.getByLabel('Capitalize').selectOption('first');
  await expect.poll(async () => (await value(page)).split('.').length).toBe(4);
  expect(await value(page)).toMatch(/^[A-Z][a-z-]+(\.[A-Z][a-z-]+){3}$/);
  await expect(page.getByTestId('entropy')).toHaveText('51 bits of entropy · Fair');
  await page.getByRole('checkbox', { name: 'Add a number' }).check();
  expect(await value(page)).toMatch(/\d/);
  await page.getByLabel('Separator').fill('x');
  await expect(page.getByRole('alert')).toContainText('without letters or digits');
  await page.getByLabel('Separator').fill(' ');

  // Copying remembers the value in the (encrypted) history.
  const copied = await value(page);
  await page.getByRole('button', { name: 'Copy generated value', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText(/Passphrase copied/);
  const entry = page.getByTestId('generator-history-entry');
  await expect(entry).toHaveCount(1);
  await page.getByRole('button', { name: 'Show generated value 1' }).click();
  await expect(entry.locator('.field-value')).toHaveText(copied);
  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(entry).toHaveCount(0);
  errors.check();
});

test('the generator inside the login form fills the password', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await page.getByRole('button', { name: 'New item' }).click();
  await page.getByRole('menuitem', { name: 'Login', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Forum');
  await page.getByRole('button', { name: 'Generate a password' }).click();
  await page.getByRole('radio', { name: 'Password' }).click();
  const generated = await value(page);
  await page.getByRole('button', { name: 'Use this password' }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue(generated);
  await expect(page.getByTestId('strength-label')).toContainText('Very strong');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Show password', exact: true }).click();
  await expect(page.locator('.field-row[data-field="Password"] .field-value')).toHaveText(generated);
  errors.check();
});
