// "Rotate encryption keys" end to end (issue #11 part 5, docs/adr/0021-vault-key-rotation.md): two
// Chromium profiles with the built extension and the REAL sync server process. On A, Settings →
// Encryption keys → confirm with the master password (keyboard only) → progress → done; the section
// passes axe in light and dark. B, signed out by the rotation at its next sync, opens with the same
// master password, adopts the new key and shows every item. 300 items keep CI time reasonable; the
// 10,000-item run is extension/test/sync/key-rotation.test.ts. That manual rotation keeps the recovery
// key (its checkbox, on by default, is turned off); the second test removes a device as lost, and the
// rotation it prompts makes a NEW recovery key, which must be shown and confirmed, and after which the
// old key resets nothing (vault/rotation-recovery.ts).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { openBrowser } from '../fixtures/browsers.js';
import { createVault, send, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { startSyncServer, type SyncServer } from '../fixtures/sync-server.js';
import { loginItem } from '../fixtures/items.js';
import { confirmRecoveryGroup, watchErrors } from './vault-support.js';

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
    // A new recovery key is offered, on by default; this rotation keeps the old one.
    const newRecovery = section.getByLabel('Also make a new recovery key (the old one stops working)');
    await expect(newRecovery).toBeChecked();
    await newRecovery.uncheck();
    await password.focus();
    await a.page.keyboard.type(MASTER_PASSWORD);
    // Whether the progress bar was ever shown: 300 items can rotate faster than a poll looks for it.
    await a.page.evaluate(() => {
      const section = document.querySelector('#rotation-section')!;
      const seen = () => section.querySelector('progress[aria-label="Key rotation progress"]') !== null;
      const observer = new MutationObserver(() => {
        if (!seen()) return;
        document.documentElement.dataset.rotationProgressSeen = 'yes';
        observer.disconnect();
      });
      observer.observe(section, { childList: true, subtree: true });
    });
    await a.page.keyboard.press('Enter');

    // Progress (items done of total), then done. The push to the server is part of it.
    await expect(section.getByTestId('rotation-done')).toHaveText(`Done: ${ITEMS} items are encrypted under the new keys.`, { timeout: 120_000 });
    expect(await a.page.evaluate(() => document.documentElement.dataset.rotationProgressSeen)).toBe('yes');
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

test('a device removed as lost: the prompted rotation makes a new recovery key, shown and confirmed; the old one resets nothing', async () => {
  test.setTimeout(180_000);
  const email = `rotate-lost-${Date.now()}@example.org`;
  const a = await openBrowser('A');
  const b = await openBrowser('B');
  try {
    const { recoveryKey: oldRecovery } = await createVault(a.page);
    await sendOk(a.page, 'items.import', { items: Array.from({ length: 40 }, (_, i) => loginItem(`Site ${String(i).padStart(3, '0')}`)) });
    await sendOk(a.page, 'sync.signUp', {
      serverUrl: server.url,
      email,
      password: MASTER_PASSWORD,
      deviceName: 'Browser A',
      inviteToken: server.invite(),
    });
    await sendOk(b.page, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'Browser B' });
    const errors = watchErrors(a.page);

    // Settings → Sync: B is removed (as lost); Keyhold says to rotate, and that this makes a new recovery key.
    await a.page.reload();
    await a.page.getByRole('button', { name: 'Settings' }).click();
    const deviceB = a.page.locator('.sync-device', { hasText: 'Browser B' });
    a.page.once('dialog', (dialog) => void dialog.accept());
    await deviceB.getByRole('button', { name: 'Remove' }).click();
    await expect(a.page.getByTestId('device-removed-rotate')).toContainText('also makes a new recovery key');
    await expect(deviceB).toHaveCount(0);

    // The rotation section: the prompt says a new recovery key will be made and the old one stops working.
    const section = a.page.locator('#rotation-section');
    await expect(section.getByTestId('rotation-suggested')).toContainText('a new recovery key will be made and the old one stops working');
    await section.getByRole('button', { name: 'Rotate encryption keys' }).click();
    // Not optional after a lost device: no checkbox, a statement.
    await expect(section.getByTestId('rotation-new-recovery-forced')).toBeVisible();
    await expect(section.getByRole('checkbox')).toHaveCount(0);
    await section.getByLabel('Master password to rotate the keys', { exact: true }).fill(MASTER_PASSWORD);
    await section.getByRole('button', { name: 'Yes, rotate the keys' }).click();

    // Done, and the new recovery key must be saved: no "OK" until then.
    await expect(section.getByTestId('rotation-done')).toBeVisible({ timeout: 120_000 });
    const prompt = section.getByTestId('rotation-new-recovery');
    await expect(prompt).toContainText('the old one no longer works');
    await expect(section.getByRole('button', { name: 'OK' })).toHaveCount(0);
    await axeBothThemes(a.page, 'the new recovery key prompt');
    expect(await sendOk<{ recoveryConfirmed: boolean }>(a.page, 'vault.status')).toMatchObject({ recoveryConfirmed: false });

    // Shown with the master password on the recovery sheet, which needs "saved" ticked, then the group check.
    await prompt.getByLabel('Master password to see the new recovery key', { exact: true }).fill(MASTER_PASSWORD);
    await prompt.getByRole('button', { name: 'Show the new recovery key' }).click();
    const keyBox = a.page.getByTestId('recovery-key');
    await expect(keyBox).toBeVisible();
    const groups = await keyBox.locator('.recovery-group').allTextContents();
    const newRecovery = groups.join('-');
    expect(newRecovery).not.toBe(oldRecovery);
    const next = a.page.getByRole('button', { name: 'Continue' });
    await expect(next).toBeDisabled();
    await a.page.getByLabel('I have saved my recovery key somewhere safe').check();
    await next.click();
    await confirmRecoveryGroup(a.page, groups);
    await expect(a.page.getByTestId('search')).toBeVisible();
    expect(await sendOk<{ recoveryConfirmed: boolean }>(a.page, 'vault.status')).toMatchObject({ recoveryConfirmed: true });
    errors.check();

    // The old recovery key resets nothing any more; the new one does, and every item opens.
    await sendOk(a.page, 'vault.lock');
    const refused = await send(a.page, 'vault.resetWithRecoveryKey', { recoveryKey: oldRecovery, newPassword: 'a brand new passphrase 77' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    await sendOk(a.page, 'vault.resetWithRecoveryKey', { recoveryKey: newRecovery, newPassword: 'a brand new passphrase 77' });
    const listed = await sendOk<{ total: number }>(a.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    expect(listed.total).toBe(40);
  } finally {
    await a.close();
    await b.close();
  }
});
