// A master-password change or a recovery-key reset on one device reaches the server and every other
// device, against the REAL sync server process (ADR 0017): the other devices are signed out; an
// unlocked one learns of it at its next sync and locks; a locked one learns of it at unlock (the
// server's KDF salt moved); either way only the NEW password unlocks, through the server's header,
// which is adopted only if its stamp verifies with the vault key at a newer epoch. A server that
// forges the header's stamp or is rolled back to an older password is refused.
import { describe, expect, it } from 'vitest';
import { bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { stampEpoch } from '@keyhold/shared/crypto/header-stamp';
import type { LoginItem } from '@keyhold/shared/items/item';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createWire } from './helpers/wire';
import { createDevice, itemNamed, login, logInWith, PASSWORD, signUpWith, type Clock } from './helpers/device';
import { listDevices } from '../../src/sync/devices';

let server!: RealServer;
let accounts = 0;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_750_000_000_000 };
const NEW = 'a brand new master passphrase 2718';
const CHANGED = /changed on another device/;

async function pair(options: { wireB?: ReturnType<typeof createWire> } = {}) {
  const email = `pw${++accounts}@example.org`;
  const a = createDevice({ clock, name: 'A' });
  expect(await signUpWith(a, server.url, [login({ name: 'Kept' })], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
  const b = createDevice({ clock, name: 'B', ...(options.wireB ? { fetch: options.wireB.fetch } : {}) });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  return { a, b, email };
}

type AccountRow = Record<string, unknown>;
const CREDENTIAL_COLUMNS =
  'auth_hash, kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt, wrapped_vault_key, recovery_wrapped_vault_key, header_stamp';

function readCredentials(email: string): AccountRow {
  return server.sqlite().prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM accounts WHERE email = ?`).get(email) as AccountRow;
}

/** The server restored from an old backup: the account's credentials and header as they were. */
function restoreCredentials(email: string, row: AccountRow): void {
  const columns = Object.keys(row);
  server
    .sqlite()
    .prepare(`UPDATE accounts SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, header_revision = header_revision + 1 WHERE email = @email`)
    .run({ ...row, email });
}

describe('a master-password change reaches every device', () => {
  it('an unlocked device learns of it at its next sync, locks, refuses the old password and takes the new one; sync resumes', async () => {
    const { a, b } = await pair();
    await a.vault.changePassword(PASSWORD, NEW);
    const run = await b.engine.syncNow();
    expect(run).toMatchObject({ ok: false, reason: 'signed-out', message: expect.stringMatching(CHANGED) });
    expect(await b.vault.status()).toMatchObject({ state: 'locked', passwordChangedElsewhere: true });
    await expect(b.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: expect.stringMatching(CHANGED) });
    clock.now += 60_000; // past the wrong-password delay
    await b.vault.unlock(NEW);
    // Said once, in the answer to the unlock that took the new password (the unlock screen shows it).
    expect((await b.vault.status()).passwordChangedElsewhere).toBe(true);
    expect((await b.vault.status()).passwordChangedElsewhere).toBeUndefined();
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(((await itemNamed(b, 'Kept')) as LoginItem).name).toBe('Kept');
    // Adopted locally: offline too, only the new password opens B now.
    await b.vault.lock();
    await expect(b.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    clock.now += 60_000;
    await b.vault.unlock(NEW);
    // Epoch 1: the new vault; 2: sign-up moved it to its derived salt (ADR 0020); 3: the change.
    expect(stampEpoch((await b.db.getMeta('header'))!.stamp)).toBe(3);
  }, 90_000);

  it('a locked device learns of it at unlock: the old password is refused with the notice, the new one unlocks and syncs', async () => {
    const { a, b } = await pair();
    await b.vault.lock();
    await a.vault.changePassword(PASSWORD, NEW);
    await expect(b.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: expect.stringMatching(CHANGED) });
    expect((await b.vault.status()).passwordChangedElsewhere).toBe(true);
    clock.now += 60_000;
    await b.vault.unlock(NEW);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    // A's edits keep flowing to B on the new session.
    const kept = (await itemNamed(a, 'Kept')) as LoginItem;
    await a.items.save({ ...kept, username: 'after-change' });
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 1 });
    expect(((await itemNamed(b, 'Kept')) as LoginItem).username).toBe('after-change');
  }, 90_000);

  it('a recovery-key reset is published: a new device logs in only with the new password, and other devices adopt it', async () => {
    const { a, b, email } = await pair();
    const { recoveryKey } = await a.vault.viewRecoveryKey(PASSWORD);
    await a.vault.lock();
    await a.vault.resetWithRecoveryKey(recoveryKey, NEW);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    const c = createDevice({ clock, name: 'C' });
    await expect(logInWith(c, server.url, { email })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const d = createDevice({ clock, name: 'D' });
    expect(await logInWith(d, server.url, { email, password: NEW })).toMatchObject({ ok: true });
    expect(((await itemNamed(d, 'Kept')) as LoginItem).name).toBe('Kept');
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, reason: 'signed-out', message: expect.stringMatching(CHANGED) });
    await b.vault.unlock(NEW);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
  }, 90_000);

  it('signing in again on a device that learned of the change takes the new password and leaves one session per device', async () => {
    const { a, b, email } = await pair();
    await a.vault.changePassword(PASSWORD, NEW);
    expect(await b.engine.syncNow()).toMatchObject({ reason: 'signed-out' });
    await expect(logInWith(b, server.url, { email })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    clock.now += 60_000;
    expect(await logInWith(b, server.url, { email, password: NEW })).toMatchObject({ ok: true });
    const devices = await listDevices(a.account);
    expect(devices.map((d) => d.deviceName).sort()).toEqual(['A', 'B']);
  }, 90_000);

  it('a reset on a device whose session was revoked by a change elsewhere is refused, and nothing changes', async () => {
    const { a, b } = await pair();
    const { recoveryKey } = await a.vault.viewRecoveryKey(PASSWORD); // the account's one recovery key
    await a.vault.changePassword(PASSWORD, NEW);
    await b.engine.syncNow();
    const before = await b.db.getMeta('header');
    await expect(b.vault.resetWithRecoveryKey(recoveryKey, 'yet another passphrase 99')).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/cannot reach your server/),
    });
    expect(await b.db.getMeta('header')).toEqual(before);
    await b.vault.unlock(NEW);
  }, 90_000);
});

describe('a malicious server cannot pick the header', () => {
  it('a header whose stamp does not verify with the vault key is refused, and the local header is kept', async () => {
    const wireB = createWire();
    const { a, b } = await pair({ wireB });
    await b.vault.lock();
    await a.vault.changePassword(PASSWORD, NEW);
    const before = await b.db.getMeta('header');
    wireB.tamper = (procedure, data) => {
      if (procedure === 'vault.getHeader' && data?.header?.stamp) {
        const forged = new Uint8Array(37);
        forged[0] = 1;
        forged[4] = 9; // epoch 9, MAC of zeros
        data.header.stamp = bytesToBase64url(forged);
      }
      return data;
    };
    await expect(b.vault.unlock(NEW)).rejects.toMatchObject({ code: 'INVALID', message: expect.stringMatching(/not made by one of your devices/) });
    expect(await b.db.getMeta('header')).toEqual(before);
    expect((await b.vault.status()).state).toBe('locked');
  }, 90_000);

  it('a server rolled back to an older password cannot make a device take it again', async () => {
    const { a, b, email } = await pair();
    const SECOND = 'the second master passphrase 1618';
    await a.vault.changePassword(PASSWORD, SECOND);
    const backup = readCredentials(email); // epoch 3 (2 was sign-up's move to the derived salt), SECOND
    await a.vault.changePassword(SECOND, NEW); // epoch 4
    expect(await b.engine.syncNow()).toMatchObject({ reason: 'signed-out' });
    await b.vault.unlock(NEW);
    const adopted = await b.db.getMeta('header');
    expect(stampEpoch(adopted!.stamp)).toBe(4);
    await b.vault.lock();
    restoreCredentials(email, backup);
    // SECOND opens the rolled-back server's header, but its epoch is older than B's.
    await expect(b.vault.unlock(SECOND)).rejects.toMatchObject({ code: 'INVALID', message: expect.stringMatching(/older master password/) });
    expect(await b.db.getMeta('header')).toEqual(adopted);
    expect((await b.vault.status()).state).toBe('locked');
  }, 90_000);
});
