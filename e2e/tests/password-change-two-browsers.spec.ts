// A master-password change, and a reset with the recovery key, reach every device (issue #11 part 4,
// docs/adr/0017-password-change-propagation.md): two (or three) Chromium profiles with the built
// extension and the REAL sync server process. After A changes the password, B — locked or unlocked —
// refuses the old password on its unlock screen, says the password was changed on another device,
// and opens with the new one; sync then resumes. After a reset with the recovery key on A, a new
// browser logs in only with the new password.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { openBrowser, type Browser } from '../fixtures/browsers.js';
import { createVault, send, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { startSyncServer, type SyncServer } from '../fixtures/sync-server.js';
import { loginItem as login } from '../fixtures/items.js';
import { watchErrors } from './vault-support.js';

type Status = { connection: { email: string } | null; state: string; lastError: string | null };
type Page_ = { total: number; rows: { id: string; name: string }[] };

const NEW_PASSWORD = 'copper-meadow-signal-27-quartz';
const CHANGED = /changed on another device/;

let server: SyncServer;
let accounts = 0;

test.beforeAll(async () => {
  server = await startSyncServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

/** A with a new vault holding one item, signed up on a fresh account; B logged in to it. */
async function twoBrowsers(): Promise<{ a: Browser; b: Browser; email: string; recoveryKey: string }> {
  const email = `pw${++accounts}-${Date.now()}@example.org`;
  const a = await openBrowser('A');
  const b = await openBrowser('B');
  const { recoveryKey } = await createVault(a.page);
  await sendOk(a.page, 'items.save', { item: login('Travels') });
  await sendOk(a.page, 'sync.signUp', {
    serverUrl: server.url,
    email,
    password: MASTER_PASSWORD,
    deviceName: 'Browser A',
    inviteToken: server.invite(),
  });
  await sendOk(b.page, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'Browser B' });
  return { a, b, email, recoveryKey };
}

async function names(b: Browser): Promise<string[]> {
  const page = await sendOk<Page_>(b.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 100 });
  return page.rows.map((r) => r.name);
}

/** axe-core (WCAG 2.1 A/AA and best practices) on what the page shows: the rule ids that fail. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

/** Types a password on B's unlock screen and presses Unlock. */
async function typeUnlock(page: Page, password: string): Promise<void> {
  await page.getByLabel('Master password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/**
 * On the unlock screen: the old password (unless `newFirst`) is refused with the notice; the new one
 * is taken, the screen says the password was changed on another device, and Continue (by keyboard)
 * opens the list; sync resumes.
 */
async function unlockWithNewPassword(b: Browser, options: { newFirst?: boolean; axe?: boolean } = {}): Promise<void> {
  await b.page.reload();
  if (!options.newFirst) {
    await typeUnlock(b.page, MASTER_PASSWORD);
    await expect(b.page.getByTestId('unlock-error')).toContainText(CHANGED);
    await expect(b.page.getByTestId('unlock-changed-elsewhere')).toContainText(CHANGED);
    // The wrong-password delay after one failure is short; the button comes back by itself.
    await expect(b.page.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 10_000 });
  }
  await typeUnlock(b.page, NEW_PASSWORD);
  await expect(b.page.getByTestId('unlock-adopted')).toContainText(CHANGED);
  if (options.axe) {
    for (const scheme of ['light', 'dark'] as const) {
      await b.page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(b.page), `the password-changed notice after unlock, ${scheme}`).toEqual([]);
    }
    await b.page.emulateMedia({ colorScheme: null });
  }
  await expect(b.page.getByRole('button', { name: 'Continue' })).toBeFocused();
  await b.page.keyboard.press('Enter');
  await expect(b.page.getByTestId('search')).toBeVisible();
  const status = await sendOk<Status>(b.page, 'sync.now', {});
  expect(status).toMatchObject({ lastError: null, connection: expect.objectContaining({ email: expect.any(String) }) });
  expect(await names(b)).toContain('Travels');
}

test('A changes the master password while B is locked: B opens with the new one and says why; the old one is refused', async () => {
  const { a, b } = await twoBrowsers();
  const errors = watchErrors(b.page);
  try {
    await sendOk(b.page, 'vault.lock');
    await sendOk(a.page, 'vault.changePassword', { currentPassword: MASTER_PASSWORD, newPassword: NEW_PASSWORD });
    await unlockWithNewPassword(b, { newFirst: true, axe: true });
    // Adopted: after a lock, the old password stays refused on B.
    await sendOk(b.page, 'vault.lock');
    const again = await send(b.page, 'vault.unlock', { password: MASTER_PASSWORD });
    expect(again).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    errors.check();
  } finally {
    await a.close();
    await b.close();
  }
});

test('A changes the master password while B is unlocked: B learns it at its next sync, locks, and takes only the new one', async () => {
  const { a, b } = await twoBrowsers();
  try {
    await sendOk(a.page, 'vault.changePassword', { currentPassword: MASTER_PASSWORD, newPassword: NEW_PASSWORD });
    const after = await sendOk<Status>(b.page, 'sync.now', {});
    expect(after).toMatchObject({ connection: null, lastError: expect.stringMatching(CHANGED) });
    expect((await sendOk<{ state: string }>(b.page, 'vault.status')).state).toBe('locked');
    // The unlock screen says so before anything is typed.
    await b.page.reload();
    await expect(b.page.getByTestId('unlock-changed-elsewhere')).toContainText(CHANGED);
    for (const scheme of ['light', 'dark'] as const) {
      await b.page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(b.page), `unlock screen with the notice, ${scheme}`).toEqual([]);
    }
    await b.page.emulateMedia({ colorScheme: null });
    await unlockWithNewPassword(b);
    await sendOk(b.page, 'vault.lock');
    // A locked B with the old password at a second try: refused as before (not changed again).
    expect(await send(b.page, 'vault.unlock', { password: MASTER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
  } finally {
    await a.close();
    await b.close();
  }
});

test('a reset with the recovery key on A is published: a new browser logs in only with the new password, and B adopts it', async () => {
  const { a, b, email, recoveryKey } = await twoBrowsers();
  const c = await openBrowser('C');
  try {
    await sendOk(a.page, 'vault.lock');
    await sendOk(a.page, 'vault.resetWithRecoveryKey', { recoveryKey, newPassword: NEW_PASSWORD });
    expect(await sendOk<Status>(a.page, 'sync.now', {})).toMatchObject({ lastError: null });

    const old = await send(c.page, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'Browser C' });
    expect(old).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await sendOk(c.page, 'sync.logIn', { serverUrl: server.url, email, password: NEW_PASSWORD, deviceName: 'Browser C' });
    expect(await names(c)).toContain('Travels');

    expect(await sendOk<Status>(b.page, 'sync.now', {})).toMatchObject({ lastError: expect.stringMatching(CHANGED) });
    await unlockWithNewPassword(b);
  } finally {
    await a.close();
    await b.close();
    await c.close();
  }
});
