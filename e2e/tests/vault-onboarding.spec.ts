// Onboarding: a too-weak master password is refused with its reason, the recovery key is shown and
// must be confirmed by re-typing one group, and the vault opens empty.
import { test, expect } from '../fixtures/extension.js';
import { confirmRecoveryGroup, MASTER, watchErrors } from './vault-support.js';

test('creating a vault: weak password refused, recovery key shown and confirmed, empty vault', async ({ openPopup }) => {
  const page = await openPopup();
  const errors = watchErrors(page);
  await expect(page.getByRole('heading', { name: 'Welcome to Keyhold' })).toBeVisible();

  await page.getByLabel('Master password', { exact: true }).fill('password123');
  await expect(page.getByRole('meter', { name: 'Password strength' })).toBeVisible();
  await page.getByLabel('Confirm master password', { exact: true }).fill('password123');
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  await expect(page.getByLabel('Master password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('Use at least 12 characters; this one has 11.');
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);

  // Long enough but predictable: refused, saying why.
  await page.getByLabel('Master password', { exact: true }).fill('passwordpassword');
  await page.getByLabel('Confirm master password', { exact: true }).fill('passwordpassword');
  await expect(page.getByTestId('strength-label')).toContainText(/Very weak|Weak/);
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  await expect(page.getByRole('alert')).toContainText('would be guessed too quickly');
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);

  await page.getByLabel('Master password', { exact: true }).fill(MASTER);
  await page.getByLabel('Confirm master password', { exact: true }).fill(MASTER + 'x');
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();

  await page.getByLabel('Confirm master password', { exact: true }).fill(MASTER);
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  const keyBox = page.getByTestId('recovery-key');
  await expect(keyBox).toBeVisible();
  const groups = await keyBox.locator('.recovery-group').allTextContents();
  expect(groups.length).toBeGreaterThan(10);
  const continueButton = page.getByRole('button', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  await page.getByLabel('I have saved my recovery key somewhere safe').check();
  await continueButton.click();

  // A wrong group is refused; the right one opens the vault.
  await page.getByLabel(/^Group \d+ of your recovery key$/).fill('ZZZZ');
  await page.getByRole('button', { name: 'Confirm and open my vault' }).click();
  await expect(page.getByText(/That is not the .* group/)).toBeVisible();
  await confirmRecoveryGroup(page, groups);

  await expect(page.getByTestId('search')).toBeFocused();
  await expect(page.getByText('No items yet — add your first login.')).toBeVisible();
  errors.check();
});

test('a popup closed before the recovery check resumes there, and can show the key again', async ({ openPopup }) => {
  const page = await openPopup();
  await page.getByLabel('Master password', { exact: true }).fill(MASTER);
  await page.getByLabel('Confirm master password', { exact: true }).fill(MASTER);
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  await expect(page.getByTestId('recovery-key')).toBeVisible();
  const groups = await page.getByTestId('recovery-key').locator('.recovery-group').allTextContents();
  await page.close();

  // Reopened: the vault is unlocked but not confirmed, so the check comes first.
  const again = await openPopup();
  const errors = watchErrors(again);
  await expect(again.getByRole('heading', { name: 'Finish setting up Keyhold' })).toBeVisible();
  await again.getByLabel('Master password', { exact: true }).fill('not my password at all');
  await again.getByRole('button', { name: 'Continue' }).click();
  await expect(again.getByRole('alert')).toHaveText('That master password is not right.');
  await again.getByLabel('Master password', { exact: true }).fill(MASTER);
  await again.getByRole('button', { name: 'Continue' }).click();
  await expect(again.getByRole('heading', { name: 'Check your recovery key' })).toBeVisible();
  await again.getByRole('button', { name: 'I lost it — show the key again' }).click();
  await expect(again.getByTestId('recovery-key').locator('.recovery-group')).toHaveText(groups);
  await again.getByLabel('I have saved my recovery key somewhere safe').check();
  await again.getByRole('button', { name: 'Continue' }).click();
  await confirmRecoveryGroup(again, groups);
  await expect(again.getByText('No items yet — add your first login.')).toBeVisible();
  errors.check();
});
