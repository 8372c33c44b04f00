// Quick unlock (vault/quick-unlock/, ADR 0019) through the composed background, over fake-indexeddb
// with the KDF at its floors: the PIN and the WebAuthn PRF wraps, the attempt counter and its wipe,
// the browser-restart rule, and the drops that a master-password change or reset makes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from '@keyhold/shared/crypto/bytes';
import { DecryptError } from '@keyhold/shared/crypto/errors';
import { newKdfParams, KDF_FLOORS } from '@keyhold/shared/crypto/kdf-params';
import { newItem } from '@keyhold/shared/items/new-item';
import type { SyncDb } from '../../src/sync/sync-db';
import { createMemoryPinStore, type PinStore } from '../../src/vault/quick-unlock/pin-store';
import { derivePinKey, headerFingerprint, openQuickWrap, prfWrappingKey, wrapVaultKeyForQuickUnlock } from '../../src/vault/quick-unlock/quick-wrap';
import { createMemorySessionStore } from '../../src/vault/session-store';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
const PIN = '482915';
const now = () => 1_700_000_000_000;

const worlds: { db: SyncDb; vault: { status(): Promise<unknown> } }[] = [];
function world(options: { db?: SyncDb; pins?: PinStore } = {}) {
  const w = vaultWorld({
    now,
    store: createMemorySessionStore(),
    pins: options.pins ?? createMemoryPinStore(),
    ...(options.db ? { db: options.db } : {}),
  });
  worlds.push(w);
  return w;
}
afterEach(async () => {
  const done = worlds.splice(0);
  for (const w of done) await w.vault.status();
  for (const db of new Set(done.map((w) => w.db))) db.close();
});

async function unlockedWithItem(options: Parameters<typeof world>[0] = {}) {
  const w = world(options);
  const created = await w.vault.create(PASSWORD);
  await w.items.save(newItem('login', { name: 'GitHub', username: 'octo', password: 'hunter2' }, now()));
  return { ...w, recoveryKey: created.recoveryKey };
}

const names = async (w: ReturnType<typeof world>) =>
  (await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).rows.map((r) => r.name);

describe('the quick-unlock wraps', () => {
  const keys = { accountId: 'acct-1', vaultKey: randomBytes(32) };
  const fingerprint = headerFingerprint({ wrappedVaultKey: 'AQE-some-wrap' });

  it('opens a PIN wrap with the same PIN only', async () => {
    const kdf = newKdfParams(KDF_FLOORS);
    const wrapped = wrapVaultKeyForQuickUnlock(await derivePinKey(PIN, kdf), keys, { method: 'pin', fingerprint });
    expect(openQuickWrap(await derivePinKey(PIN, kdf), wrapped, { accountId: 'acct-1', method: 'pin', fingerprint })).toEqual(keys.vaultKey);
    expect(() => openQuickWrap(derivePinKeySync('482916'), wrapped, { accountId: 'acct-1', method: 'pin', fingerprint })).toThrow(DecryptError);
  });

  it('binds a wrap to its method, account and master-password wrapping', () => {
    const prf = randomBytes(32);
    const wrapped = wrapVaultKeyForQuickUnlock(prfWrappingKey(prf), keys, { method: 'prf', fingerprint });
    expect(openQuickWrap(prfWrappingKey(prf), wrapped, { accountId: 'acct-1', method: 'prf', fingerprint })).toEqual(keys.vaultKey);
    const other = headerFingerprint({ wrappedVaultKey: 'AQE-another-wrap' });
    for (const place of [
      { accountId: 'acct-1', method: 'pin' as const, fingerprint },
      { accountId: 'acct-2', method: 'prf' as const, fingerprint },
      { accountId: 'acct-1', method: 'prf' as const, fingerprint: other },
    ]) {
      expect(() => openQuickWrap(prfWrappingKey(prf), wrapped, place)).toThrow(DecryptError);
    }
    expect(() => openQuickWrap(prfWrappingKey(randomBytes(32)), wrapped, { accountId: 'acct-1', method: 'prf', fingerprint })).toThrow(DecryptError);
  });

  it('refuses a PIN that is not 6 or more digits before any derivation', async () => {
    for (const pin of ['12345', '12345a', ' 123456', '']) await expect(derivePinKey(pin, newKdfParams(KDF_FLOORS))).rejects.toThrow(TypeError);
  });
});

/** A wrong wrapping key of the right size (what any wrong PIN gives). */
function derivePinKeySync(_pin: string): Uint8Array {
  return randomBytes(32);
}

describe('PIN unlock', () => {
  it('needs the master password to turn on, and unlocks after a lock', async () => {
    const w = await unlockedWithItem();
    await expect(w.quickUnlock.enablePin('wrong password', PIN)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(w.quickUnlock.enablePin(PASSWORD, '12345')).rejects.toMatchObject({ code: 'INVALID' });
    expect((await w.quickUnlock.status()).pin).toBeNull();
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    expect((await w.quickUnlock.status()).pin).toEqual({ attemptsLeft: 5 });

    await w.vault.lock();
    expect((await w.vault.status()).state).toBe('locked');
    await w.quickUnlock.unlockWithPin(PIN);
    expect((await w.vault.status()).state).toBe('unlocked');
    expect(await names(w)).toEqual(['GitHub']);
  });

  it('counts wrong PINs, and a right one clears the count', async () => {
    const w = await unlockedWithItem();
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    await w.vault.lock();
    for (let left = 4; left >= 1; left--) {
      await expect(w.quickUnlock.unlockWithPin('000000')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
      expect((await w.quickUnlock.status()).pin).toEqual({ attemptsLeft: left });
    }
    await w.quickUnlock.unlockWithPin(PIN);
    expect((await w.vault.status()).state).toBe('unlocked');
    expect((await w.quickUnlock.status()).pin).toEqual({ attemptsLeft: 5 });
  });

  it('wipes the PIN after 5 wrong ones: the right PIN no longer opens, the master password does', async () => {
    const pins = createMemoryPinStore();
    const w = await unlockedWithItem({ pins });
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    await w.vault.lock();
    for (let i = 0; i < 4; i++) await expect(w.quickUnlock.unlockWithPin('111111')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(w.quickUnlock.unlockWithPin('111111')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('5 wrong PINs'),
    });
    expect(await pins.load()).toBeNull();
    expect((await w.quickUnlock.status()).pin).toBeNull();
    await expect(w.quickUnlock.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await w.vault.status()).state).toBe('locked');
    await w.vault.unlock(PASSWORD);
    expect((await w.vault.status()).state).toBe('unlocked');
  });

  it('charges an attempt before deriving: a worker stopped mid-attempt has spent it', async () => {
    const pins = createMemoryPinStore();
    const w = await unlockedWithItem({ pins });
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    await w.vault.lock();
    // The attempt is charged, then the worker dies during the derivation (its promise is abandoned).
    void w.quickUnlock.unlockWithPin('999999').catch(() => undefined);
    await until(async () => (await pins.load())?.failures === 1);
    const restarted = world({ db: w.db, pins });
    expect((await restarted.quickUnlock.status()).pin).toEqual({ attemptsLeft: 4 });
  });

  it('needs the master password after a browser restart (the PIN wrap is never in the database)', async () => {
    const w = await unlockedWithItem();
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    const stored = await w.db.meta.toArray();
    expect(JSON.stringify(stored)).not.toContain('quick-unlock/pin');
    expect(stored.map((r) => r.key)).not.toContain('quickUnlockPin');
    // A browser restart: storage.session (the session and the PIN wrap) is empty; the database stays.
    const restarted = world({ db: w.db, pins: createMemoryPinStore() });
    expect((await restarted.vault.status()).state).toBe('locked');
    expect((await restarted.quickUnlock.status()).pin).toBeNull();
    await expect(restarted.quickUnlock.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await restarted.vault.unlock(PASSWORD);
    expect(await names(restarted)).toEqual(['GitHub']);
  });

  it('stays locked when a lock comes during the PIN derivation', async () => {
    const pins = createMemoryPinStore();
    const w = await unlockedWithItem({ pins });
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    await w.vault.lock();
    const attempt = w.quickUnlock.unlockWithPin(PIN);
    void attempt.catch(() => undefined);
    await until(async () => (await pins.load())?.failures === 1);
    await w.vault.lock();
    await expect(attempt).rejects.toMatchObject({ code: 'LOCKED' });
    expect((await w.vault.status()).state).toBe('locked');
  });

  it('can be turned off', async () => {
    const w = await unlockedWithItem();
    await w.quickUnlock.enablePin(PASSWORD, PIN);
    await w.quickUnlock.disablePin();
    await w.vault.lock();
    await expect(w.quickUnlock.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('PRF unlock', () => {
  const enrolment = (prfOutput: Uint8Array) => ({ credentialId: 'Y3JlZGVudGlhbC1pZC0xMjM0', salt: 'S'.repeat(43), prfOutput: prfOutput.slice() });

  it('needs the master password, unlocks with the same PRF output only, and survives a browser restart', async () => {
    const prf = randomBytes(32);
    const w = await unlockedWithItem();
    await expect(w.quickUnlock.enablePrf('wrong password', enrolment(prf))).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await w.quickUnlock.enablePrf(PASSWORD, enrolment(prf));
    expect((await w.quickUnlock.status()).prf).toEqual({ credentialId: 'Y3JlZGVudGlhbC1pZC0xMjM0', salt: 'S'.repeat(43) });
    await w.vault.lock();
    await expect(w.quickUnlock.unlockWithPrf(randomBytes(32))).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await w.quickUnlock.unlockWithPrf(prf.slice());
    expect(await names(w)).toEqual(['GitHub']);

    const restarted = world({ db: w.db, pins: createMemoryPinStore() });
    expect((await restarted.vault.status()).state).toBe('locked');
    await restarted.quickUnlock.unlockWithPrf(prf.slice());
    expect(await names(restarted)).toEqual(['GitHub']);
  });

  it('can be turned off', async () => {
    const prf = randomBytes(32);
    const w = await unlockedWithItem();
    await w.quickUnlock.enablePrf(PASSWORD, enrolment(prf));
    await w.quickUnlock.disablePrf();
    await w.vault.lock();
    await expect(w.quickUnlock.unlockWithPrf(prf.slice())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the master password stays the root', () => {
  const prf = randomBytes(32);
  const enrol = (w: ReturnType<typeof world>) =>
    Promise.all([
      w.quickUnlock.enablePin(PASSWORD, PIN),
      w.quickUnlock.enablePrf(PASSWORD, { credentialId: 'Y3JlZGVudGlhbC1pZC0xMjM0', salt: 'S'.repeat(43), prfOutput: prf.slice() }),
    ]);

  it('a master-password change drops the PIN and the PRF wrap', async () => {
    const pins = createMemoryPinStore();
    const w = await unlockedWithItem({ pins });
    await enrol(w);
    await w.vault.changePassword(PASSWORD, 'a brand new master password');
    // Gone from both stores, not only refused when read (that is the next test's rule).
    expect(await pins.load()).toBeNull();
    expect(await w.db.getMeta('quickUnlockPrf')).toBeUndefined();
    await w.vault.lock();
    await expect(w.quickUnlock.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.quickUnlock.unlockWithPrf(prf.slice())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a reset with the recovery key drops them too', async () => {
    const pins = createMemoryPinStore();
    const w = await unlockedWithItem({ pins });
    await enrol(w);
    await w.vault.lock();
    await w.vault.resetWithRecoveryKey(w.recoveryKey, 'a brand new master password');
    expect(await pins.load()).toBeNull();
    expect(await w.db.getMeta('quickUnlockPrf')).toBeUndefined();
  });

  it('a wrap kept from before a password change does not open (even if a path forgot to drop it)', async () => {
    const pins = createMemoryPinStore();
    const w = await unlockedWithItem({ pins });
    await enrol(w);
    const [pinRecord, prfRecord] = [await pins.load(), await w.db.getMeta('quickUnlockPrf')];
    await w.vault.changePassword(PASSWORD, 'a brand new master password');
    await pins.save(pinRecord!);
    await w.db.putMeta('quickUnlockPrf', prfRecord!);
    await w.vault.lock();
    await expect(w.quickUnlock.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.quickUnlock.unlockWithPrf(prf.slice())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await w.vault.status()).state).toBe('locked');
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}
