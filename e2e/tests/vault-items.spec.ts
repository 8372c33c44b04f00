// Items of every type through the popup: create with the type's own form, view, edit (a login's
// replaced password lands in its history), move to the trash, restore, and delete forever.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { popupWithVault } from './vault-support.js';

async function newItem(page: Page, type: string): Promise<void> {
  await page.getByRole('button', { name: 'New item' }).click();
  await page.getByRole('menuitem', { name: type, exact: true }).click();
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('item-view')).toBeVisible();
}

function field(page: Page, label: string) {
  return page.locator(`.field-row[data-field="${label}"] .field-value`);
}

/** From the item view: trash it, find it in the trash, restore it, trash it again, delete it forever. */
async function trashRestoreDelete(page: Page, name: string): Promise<void> {
  const row = page.getByTestId('item-row').filter({ hasText: name });
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByTestId('toast')).toContainText('moved to the trash');
  await expect(page.getByTestId('search')).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Trash' });
  await row.click();
  await expect(page.getByText('This item is in the trash.')).toBeVisible();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('This item is in the trash.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(row).toHaveCount(0); // no longer in the trash
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All items' });
  await expect(row).toHaveCount(1);

  await row.click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByTestId('search')).toBeVisible();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Trash' });
  await row.click();
  await page.getByRole('button', { name: 'Delete forever' }).click();
  await page.getByRole('button', { name: 'Yes, delete forever' }).click();
  await expect(page.getByTestId('toast')).toContainText('deleted forever');
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All items' });
  await expect(page.getByText('No items yet — add your first login.')).toBeVisible();
}

test('login: create, edit with password history, trash, restore, delete forever', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await newItem(page, 'Login');
  await page.getByLabel('Name', { exact: true }).fill('GitHub');
  await page.getByLabel('Username', { exact: true }).fill('octocat@example.com');
  await page.getByLabel('Password', { exact: true }).fill('first-Password-1');
  await expect(page.getByRole('meter', { name: 'Password strength' })).toBeVisible();
  await page.getByRole('button', { name: '+ Add website' }).click();
  await page.getByLabel('Website 1', { exact: true }).fill('https://github.com/login');
  await page.getByLabel('Match mode for website 1').selectOption('host');
  await page.getByLabel('One-time code secret (TOTP)').fill('JBSWY3DPEHPK3PXP');
  await page.getByRole('button', { name: '+ Add field' }).click();
  await page.getByLabel('Name of field 1').fill('Recovery PIN');
  await page.getByLabel('Kind of field 1').selectOption('hidden');
  await page.getByLabel('Value of field 1').fill('8642');
  await page.getByLabel('Notes').fill('Work account');
  await save(page);

  await expect(page.getByRole('heading', { name: 'GitHub' })).toBeVisible();
  await expect(field(page, 'Username')).toHaveText('octocat@example.com');
  await expect(field(page, 'Password')).toHaveText('••••••••••••');
  await page.getByRole('button', { name: 'Show password', exact: true }).click();
  await expect(field(page, 'Password')).toHaveText('first-Password-1');
  await expect(page.getByTestId('totp-code')).toHaveText(/^\d{3} \d{3}$/);
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(field(page, 'Recovery PIN')).toHaveText('••••••••••••');
  await expect(page.getByRole('link', { name: 'https://github.com/login' })).toHaveAttribute('href', 'https://github.com/login');

  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Password', { exact: true }).fill('second-Password-2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('toast')).toContainText('Changes saved');
  await page.getByRole('button', { name: 'Show password', exact: true }).click();
  await expect(field(page, 'Password')).toHaveText('second-Password-2');
  await page.getByRole('button', { name: /Show password history \(1\)/ }).click();
  await page.getByRole('button', { name: 'Show old password' }).click();
  await expect(page.locator('.history-row .field-value')).toHaveText('first-Password-1');

  await page.getByRole('button', { name: 'Add to favorites' }).click();
  await expect(page.getByRole('button', { name: 'Remove from favorites' })).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Favorites' });
  await expect(page.getByTestId('item-row')).toHaveCount(1);
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'All items' });
  await page.getByTestId('item-row').filter({ hasText: 'GitHub' }).click();
  await trashRestoreDelete(page, 'GitHub');
  errors.check();
});

test('secure note: create, edit, trash, restore, delete forever', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await newItem(page, 'Secure note');
  await page.getByLabel('Name', { exact: true }).fill('Wi-Fi');
  await page.getByLabel('Note', { exact: true }).fill('SSID: home\nKey: correct-horse');
  await save(page);
  await expect(field(page, 'Note')).toHaveText('SSID: home\nKey: correct-horse');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Note', { exact: true }).fill('SSID: home-5g');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'Note')).toHaveText('SSID: home-5g');
  await trashRestoreDelete(page, 'Wi-Fi');
  errors.check();
});

test('card: create, edit, trash, restore, delete forever', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await newItem(page, 'Card');
  await page.getByLabel('Name', { exact: true }).fill('Travel Visa');
  await page.getByLabel('Cardholder').fill('Ada Lovelace');
  await page.getByLabel('Brand').fill('Visa');
  await page.getByLabel('Card number', { exact: true }).fill('4111 1111 1111 1111');
  await page.getByLabel('Expiry month').selectOption('3');
  await page.getByLabel('Expiry year').selectOption(String(new Date().getFullYear() + 2));
  await page.getByLabel('Security code', { exact: true }).fill('123');
  await save(page);
  await expect(field(page, 'Cardholder')).toHaveText('Ada Lovelace');
  await expect(field(page, 'Card number')).toHaveText('••••••••••••');
  await expect(field(page, 'Expires')).toHaveText(`03 / ${new Date().getFullYear() + 2}`);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('item-row').filter({ hasText: 'Travel Visa' })).toContainText('•••• 1111');
  await page.getByTestId('item-row').filter({ hasText: 'Travel Visa' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Cardholder').fill('A. Lovelace');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'Cardholder')).toHaveText('A. Lovelace');
  await trashRestoreDelete(page, 'Travel Visa');
  errors.check();
});

test('identity: create, edit, trash, restore, delete forever', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await newItem(page, 'Identity');
  await page.getByLabel('Name', { exact: true }).fill('Personal');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Street address').fill('12 St James Square');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Birth date').fill('1815-12-10');
  await save(page);
  await expect(field(page, 'Name')).toHaveText('Ada Lovelace');
  await expect(field(page, 'Email')).toHaveText('ada@example.com');
  await expect(field(page, 'Birth date')).toHaveText('1815-12-10');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Phone').fill('+44 20 7946 0000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'Phone')).toHaveText('+44 20 7946 0000');
  await trashRestoreDelete(page, 'Personal');
  errors.check();
});

test('API key: create, rotate the secret into history, trash, restore, delete forever', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await newItem(page, 'API key');
  await page.getByLabel('Name', { exact: true }).fill('Stripe live');
  await page.getByLabel('Key', { exact: true }).fill('pk_live_123');
  await page.getByLabel('Secret', { exact: true }).fill('sk_live_old');
  await page.getByLabel('Service URL').fill('https://api.stripe.com');
  await page.getByLabel('Rotate by').fill('2000-01-01');
  await save(page);
  await expect(field(page, 'Key')).toHaveText('••••••••••••');
  await expect(page.getByText('Rotation overdue')).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Secret', { exact: true }).fill('sk_live_new');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Show secret' }).click();
  await expect(field(page, 'Secret')).toHaveText('sk_live_new');
  await page.getByRole('button', { name: /Show password history \(1\)/ }).click();
  await page.getByRole('button', { name: 'Show old secret' }).click();
  await expect(page.locator('.history-row .field-value')).toHaveText('sk_live_old');
  await trashRestoreDelete(page, 'Stripe live');
  errors.check();
});
