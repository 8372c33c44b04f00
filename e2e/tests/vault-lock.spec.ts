// Lock and unlock: the lock button, a wrong master password's message, the growing delay after
// repeated failures (counted down, button disabled), and unlocking again with the right password.
import { test, expect } from '../fixtures/extension.js';
import { MASTER, popupWithVault, unlock } from './vault-support.js';

test('lock, wrong password with a growing delay, then unlock', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Keyhold' })).toBeVisible();
  await expect(page.getByLabel('Master password', { exact: true })).toBeFocused();

  const password = page.getByLabel('Master password', { exact: true });
  const submit = page.getByRole('button', { name: 'Unlock' });
  for (let attempt = 1; attempt <= 2; attempt++) {
    await password.fill(`wrong ${attempt}`);
    await submit.click();
    await expect(page.getByTestId('unlock-error')).toHaveText('That master password is not right.');
    await expect(page.getByTestId('unlock-wait')).toHaveCount(0);
  }

  // The third failure starts a delay; the fourth doubles it.
  await password.fill('wrong 3');
  await submit.click();
  await expect(page.getByTestId('unlock-wait')).toContainText('try again in 1 s');
  await expect(submit).toBeDisabled();
  await expect(submit).toBeEnabled({ timeout: 3_000 });
  await password.fill('wrong 4');
  await submit.click();
  await expect(page.getByTestId('unlock-wait')).toContainText('try again in 2 s');

  // The delay survives closing and reopening the popup.
  await page.close();
  const reopened = await openPopup();
  await expect(reopened.getByTestId('unlock-wait')).toBeVisible();
  await expect(reopened.getByTestId('unlock-wait')).toHaveCount(0, { timeout: 4_000 });
  await unlock(reopened, MASTER);
  await expect(reopened.getByText('No items yet — add your first login.')).toBeVisible();
  errors.check();
});
