// "Forgot master password": the recovery key resets it. A key with a typo is refused with a clear
// message; the right key sets a new password, which then unlocks while the old one does not, and
// Settings then suggests rotating the keys (the recovery key counts as used).
import { test, expect } from '../fixtures/extension.js';
import { MASTER, popupWithVault, unlock } from './vault-support.js';

const NEW_MASTER = 'plum orchard velvet 1989 lantern';

test('reset the master password with the recovery key', async ({ openPopup }) => {
  const { page, errors, recoveryKey } = await popupWithVault(openPopup);
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Forgot your master password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset master password' })).toBeVisible();

  // One wrong character: the checksum catches it.
  const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'A' ? 'B' : 'A') + recoveryKey.slice(6);
  await page.getByLabel('Recovery key').fill(typo);
  await page.getByLabel('New master password', { exact: true }).fill(NEW_MASTER);
  await page.getByLabel('Confirm new master password', { exact: true }).fill(NEW_MASTER);
  await page.getByRole('button', { name: 'Reset and unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('typo');

  // The key typed in lower case with spaces instead of dashes is fine.
  await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Reset and unlock' }).click();
  await expect(page.getByTestId('search')).toBeVisible();
  await expect(page.getByTestId('toast')).toContainText('Master password changed');

  // The recovery key has been typed in: Settings says to rotate the keys, which makes a new recovery key (ADR 0021).
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.locator('#rotation-section').getByTestId('rotation-suggested')).toContainText(
    'reset with the recovery key, so that key has been typed in and counts as used',
  );
  await page.getByRole('button', { name: 'Back' }).click();

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Master password', { exact: true }).fill(MASTER);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('unlock-error')).toHaveText('That master password is not right.');
  await unlock(page, NEW_MASTER);
  errors.check();
});
