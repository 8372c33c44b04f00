// "Rotate encryption keys" end to end (issue #11 part 5, docs/adr/0021-vault-key-rotation.md): two
// Chromium profiles with the built extension and the REAL sync server process. On A, Settings →
// Encryption keys → confirm with the master password (keyboard only) → progress → done; the section
// passes axe in light and dark. B, signed out by the rotation at its next sync, opens with the same
// master password, adopts the new key and shows every item. 300 items keep CI time reasonable; the
// 10,000-item run is extension/test/sync/key-rotation.test.ts.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { openBrowser } from '../fixtures/browsers.js';
import { createVault, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { startSyncServer, type SyncServer } from '../fixtures/sync-server.js';
import { loginItem } from '../fixtures/items.js';
import { watchErrors } from './vault-support.js';

const ITEMS = 300;
const CHANGED = /changed on another device/;
type Status = { connection: { email: string } | null; lastError: string | null };

let server: SyncServer;
test.beforeAll(async () => {
  server = await startSyncServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function axeViolations(page: Page, include: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

async function axeBothThemes(page: Page, what: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page, '#rotation-section'), `${what}, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

test('Settings → Rotate encryption keys: progress, done; a second browser opens the vault after sync with the same password', async () => {
  test.setTimeout(180_000);
  const email = `rotate-${Date.now()}@example.org`;
  const a = await openBrowser('A');
  const b = await openBrowser('B');
  try {
    await createVault(a.page);
    await sendOk(a.page, 'items.import', { items: Array.from({ length: ITEMS }, (_, i) => loginItem(`Site ${String(i).padStart(3, '0')}`)) });
    await sendOk(a.page, 'sync.signUp', {
      serverUrl: server.url,
      email,
      password: MASTER_PASSWORD,
      deviceName: 'Browser A',
      inviteToken: server.invite(),
    });
    await sendOk(b.page, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'Browser B' });
    const errors = watchErrors(a.page);

    await a.page.reload();
    await a.page.getByRole('button', { name: 'Settings' }).click();
    const section = a.page.locator('#rotation-section');
    await expect(section.getByRole('heading', { name: 'Encryption keys' })).toBeVisible();
    await axeBothThemes(a.page, 'the rotation section');

    // Keyboard only: the button, then the confirmation with the master password, submitted with Enter.
    await section.getByRole('button', { name: 'Rotate encryption keys' }).focus();
    await a.page.keyboard.press('Enter');
    const password = section.getByLabel('Master password to rotate the keys', { exact: true });
    await expect(section.getByRole('button', { name: 'Yes, rotate the keys' })).toBeVisible();
    await axeBothThemes(a.page, 'the rotation confirmation');
    await password.focus();
    await a.page.keyboard.type(MASTER_PASSWORD);
    await a.page.keyboard.press('Enter');

    // Progress (items done of total), then done. The push to the server is part of it.
    await expect(section.getByRole('progressbar', { name: 'Key rotation progress' })).toBeVisible();
    await expect(section.getByTestId('rotation-done')).toHaveText(`Done: ${ITEMS} items are encrypted under the new keys.`, { timeout: 120_000 });
    await axeBothThemes(a.page, 'the finished rotation');
    await section.getByRole('button', { name: 'OK' }).click();
    await expect(section.getByRole('button', { name: 'Rotate encryption keys' })).toBeVisible();
    errors.check();

    // B: signed out by the rotation at its next sync; the same master password opens it, with every item.
    expect(await sendOk<Status>(b.page, 'sync.now', {})).toMatchObject({ connection: null, lastError: expect.stringMatching(CHANGED) });
    await b.page.reload();
    await b.page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
    await b.page.getByRole('button', { name: 'Unlock' }).click();
    await expect(b.page.getByTestId('unlock-adopted')).toContainText(CHANGED);
    await b.page.getByRole('button', { name: 'Continue' }).click();
    await expect(b.page.getByTestId('search')).toBeVisible();
    expect(await sendOk<Status>(b.page, 'sync.now', {})).toMatchObject({ lastError: null });
    const listed = await sendOk<{ total: number }>(b.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    expect(listed.total).toBe(ITEMS);
  } finally {
    await a.close();
    await b.close();
  }
});
