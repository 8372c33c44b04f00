// Settings: the theme applies at once, calibrating the KDF shows the unlock time here, the master
// password can be changed, and the recovery key viewed and replaced (the new one must be confirmed).
import { test, expect } from '../fixtures/extension.js';
import { confirmRecoveryGroup, MASTER, popupWithVault, unlock } from './vault-support.js';

const NEW_MASTER = 'granite meadow 77 quiet falcon';

test('theme, KDF calibration, master password change and a new recovery key', async ({ openPopup }) => {
  const { page, errors, recoveryKey } = await popupWithVault(openPopup);
  await page.getByRole('button', { name: 'Settings' }).click();

  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('color-scheme', 'dark');

  await expect(page.getByLabel('Memory (MiB)')).toHaveValue('64');
  await page.getByRole('button', { name: 'Calibrate' }).click();
  await expect(page.getByTestId('kdf-time')).toContainText(/Unlocking takes about \d+ ms on this device\. That is (quick|a good balance|slow)/);
  // A value out of range is said at once, in the form's own units.
  await page.getByLabel('Memory (MiB)').fill('8');
  await expect(page.getByRole('alert')).toHaveText('Memory must be at least 19 MiB.');
  await expect(page.getByRole('button', { name: 'Calibrate' })).toBeDisabled();
  await page.getByLabel('Memory (MiB)').fill('64');

  await page.getByLabel('Current master password', { exact: true }).fill(MASTER);
  await page.getByLabel('New master password', { exact: true }).fill(NEW_MASTER);
  await page.getByLabel('Confirm new master password', { exact: true }).fill(NEW_MASTER);
  await page.getByRole('button', { name: 'Change master password' }).click();
  await expect(page.getByTestId('toast')).toHaveText(/Master password changed/);

  // Viewing the key needs the (new) master password and shows the same key.
  await page.getByLabel('Master password for the recovery key', { exact: true }).fill(NEW_MASTER);
  await page.getByRole('button', { name: 'View recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  const shown = (await page.getByTestId('recovery-key').locator('.recovery-group').allTextContents()).join('-');
  expect(shown).toBe(recoveryKey);
  await page.getByRole('button', { name: 'Done' }).click();

  // A new key replaces it and must be confirmed before the vault opens again.
  await page.getByLabel('Master password for the recovery key', { exact: true }).fill(NEW_MASTER);
  await page.getByRole('button', { name: 'New recovery key' }).click();
  await page.getByRole('button', { name: 'Yes, replace my recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Save your recovery key' })).toBeVisible();
  const groups = await page.getByTestId('recovery-key').locator('.recovery-group').allTextContents();
  expect(groups.join('-')).not.toBe(recoveryKey);
  await page.getByLabel('I have saved my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await confirmRecoveryGroup(page, groups);
  await expect(page.getByTestId('search')).toBeVisible();

  // Reopened later, the theme is there before anything else, and the new password unlocks.
  await page.getByRole('button', { name: 'Lock' }).click();
  const again = await openPopup();
  await expect(again.locator('html')).toHaveAttribute('data-theme', 'dark');
  await unlock(again, NEW_MASTER);
  errors.check();
});
