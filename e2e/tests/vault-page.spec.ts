// The full-page vault (vault.html): opened from the popup, it shows the same vault with a sidebar of
// filters and bulk work — select many (checkboxes, shift-click ranges, select all), move to a folder,
// add and remove a tag, favorite, trash, restore and delete forever — and items open in a side pane.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { popupWithVault, seedLogins, watchErrors } from './vault-support.js';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];

const rowNames = (page: Page) => page.locator('[data-testid="item-list"] [data-testid="item-row"] .row-name').allTextContents();
const check = (page: Page, name: string) => page.getByRole('checkbox', { name: `Select ${name}` });

async function filterBy(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: label, exact: true }).click();
}

test('bulk work in the full-page vault', async ({ context, openPopup }) => {
  const { page: popup } = await popupWithVault(openPopup);
  await seedLogins(
    popup,
    NAMES.map((name) => ({ name, username: `${name.toLowerCase()}@example.com` })),
  );

  const [page] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Open the full vault in a tab' }).click()]);
  const errors = watchErrors(page);
  await expect(page).toHaveURL(/\/vault\.html$/);
  await expect.poll(() => rowNames(page)).toEqual(NAMES);
  await expect(page.getByTestId('search')).toBeFocused();

  // Click Bravo, shift-click Echo: Bravo..Echo selected.
  await check(page, 'Bravo').click();
  await check(page, 'Echo').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-bar')).toContainText('4 items selected');
  for (const name of ['Bravo', 'Charlie', 'Delta', 'Echo']) await expect(check(page, name)).toBeChecked();
  await expect(check(page, 'Alpha')).not.toBeChecked();

  await page.getByRole('button', { name: 'Move to folder…' }).click();
  await page.getByLabel('Folder name').fill('Work');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText(/4 items moved to Work/);
  await filterBy(page, 'Work');
  await expect.poll(() => rowNames(page)).toEqual(['Bravo', 'Charlie', 'Delta', 'Echo']);

  // Select all in the folder, tag them, then untag one.
  await page.getByLabel('Select all').check();
  await page.getByRole('button', { name: 'Add tag…' }).click();
  await page.getByLabel('Tag to add').fill('shared');
  await page.getByRole('button', { name: 'Add tag', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText(/Tag #shared added to 4 items/);
  await filterBy(page, '#shared');
  await expect.poll(() => rowNames(page)).toEqual(['Bravo', 'Charlie', 'Delta', 'Echo']);
  await check(page, 'Delta').click();
  await page.getByRole('button', { name: 'Remove tag…' }).click();
  await page.getByLabel('Tag to remove').selectOption('shared');
  await page.getByRole('button', { name: 'Remove tag', exact: true }).click();
  await expect.poll(() => rowNames(page)).toEqual(['Bravo', 'Charlie', 'Echo']);

  // Favorite two from all items.
  await filterBy(page, 'All items');
  await check(page, 'Alpha').click();
  await check(page, 'Foxtrot').click();
  await page.getByRole('button', { name: 'Favorite', exact: true }).click();
  await filterBy(page, 'Favorites');
  await expect.poll(() => rowNames(page)).toEqual(['Alpha', 'Foxtrot']);

  // Trash the Work folder, restore one, delete the rest forever.
  await filterBy(page, 'Work');
  await page.getByLabel('Select all').check();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByTestId('toast')).toHaveText(/4 items moved to the trash/);
  await filterBy(page, 'Trash');
  await expect.poll(() => rowNames(page)).toEqual(['Bravo', 'Charlie', 'Delta', 'Echo']);
  await check(page, 'Charlie').click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => rowNames(page)).toEqual(['Bravo', 'Delta', 'Echo']);
  await page.getByLabel('Select all').check();
  await page.getByRole('button', { name: 'Delete forever' }).click();
  await page.getByRole('button', { name: 'Yes, delete 3 items forever' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await filterBy(page, 'All items');
  await expect.poll(() => rowNames(page)).toEqual(['Alpha', 'Charlie', 'Foxtrot']);

  // Items open in the side pane; editing works there too.
  await page.getByTestId('item-row').filter({ hasText: 'Charlie' }).click();
  const pane = page.getByRole('complementary', { name: 'Details' });
  await expect(pane.getByRole('heading', { name: 'Charlie' })).toBeVisible();
  await pane.getByRole('button', { name: 'Edit' }).click();
  await pane.getByLabel('Name', { exact: true }).fill('Charlie (renamed)');
  await pane.getByRole('button', { name: 'Save' }).click();
  await expect(pane.getByRole('heading', { name: 'Charlie (renamed)' })).toBeVisible();
  await expect.poll(() => rowNames(page)).toEqual(['Alpha', 'Charlie (renamed)', 'Foxtrot']);
  errors.check();
});
