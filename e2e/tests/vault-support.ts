// Helpers shared by the vault UI specs (vault-*.spec.ts): a console/page-error watch that fails the
// test, onboarding through the real UI, and small readers for the popup.
import type { BrowserContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect } from '../fixtures/extension.js';
import { sendOk } from '../fixtures/protocol.js';

export const MASTER = 'correct horse battery staple 42';

/** Collects console errors and uncaught page errors; call `check()` at the end of the test. */
export function watchErrors(page: Page): { check: () => void } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { check: () => expect(errors, 'no console errors or page errors').toEqual([]) };
}

/** Creates the vault through onboarding and confirms the recovery key; returns the key. */
export async function createVault(page: Page, password = MASTER): Promise<string> {
  await page.getByLabel('Master password', { exact: true }).fill(password);
  await page.getByLabel('Confirm master password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  const keyBox = page.getByTestId('recovery-key');
  await expect(keyBox).toBeVisible();
  const groups = await keyBox.locator('.recovery-group').allTextContents();
  await page.getByLabel('I have saved my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await confirmRecoveryGroup(page, groups);
  await expect(page.getByTestId('search')).toBeVisible();
  return groups.join('-');
}

/** Types the group the confirm step asks for. */
export async function confirmRecoveryGroup(page: Page, groups: string[]): Promise<void> {
  const field = page.getByLabel(/^Group \d+ of your recovery key$/);
  const label = await page.locator('label', { hasText: /^Group \d+ of your recovery key$/ }).textContent();
  const index = Number(/Group (\d+)/.exec(label ?? '')?.[1]) - 1;
  await field.fill(groups[index]!);
  await page.getByRole('button', { name: 'Confirm and open my vault' }).click();
}

/** A fresh popup page in a tab, watched for errors. */
export async function popupWithVault(openPopup: () => Promise<Page>): Promise<{ page: Page; errors: { check: () => void }; recoveryKey: string }> {
  const page = await openPopup();
  const errors = watchErrors(page);
  const recoveryKey = await createVault(page);
  return { page, errors, recoveryKey };
}

/** Lets pages read the clipboard in tests (CDP refuses an extension origin, so it is granted to all). */
export async function grantClipboard(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
}

export async function unlock(page: Page, password = MASTER): Promise<void> {
  await page.getByLabel('Master password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('search')).toBeVisible();
}

export type SeedLogin = {
  name: string;
  username?: string;
  password?: string;
  url?: string;
  tags?: string[];
  folder?: string | null;
  favorite?: boolean;
};

function loginItem(login: SeedLogin): Record<string, unknown> {
  const now = Date.now();
  return {
    id: randomUUID(),
    type: 'login',
    schemaVersion: 1,
    createdAt: now,
    updatedAt: now,
    name: login.name,
    tags: login.tags ?? [],
    folder: login.folder ?? null,
    favorite: login.favorite ?? false,
    trashedAt: null,
    username: login.username ?? '',
    urls: login.url ? [{ url: login.url, match: 'default' }] : [],
    extraUsernames: [],
    password: login.password ?? '',
    totp: '',
    notes: '',
    customFields: [],
    history: [],
  };
}

/** Saves logins straight through the extension's message API (fast set-up for list and bulk tests). */
export async function seedLogins(page: Page, logins: SeedLogin[]): Promise<string[]> {
  const ids: string[] = [];
  for (const login of logins) ids.push((await sendOk<{ id: string }>(page, 'items.save', { item: loginItem(login) })).id);
  return ids;
}

/** Imports many logins at once (items.import, up to 1,000 per call). */
export async function importLogins(page: Page, logins: SeedLogin[]): Promise<void> {
  for (let i = 0; i < logins.length; i += 1000) await sendOk(page, 'items.import', { items: logins.slice(i, i + 1000).map(loginItem) });
}
