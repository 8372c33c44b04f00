// A rotation after a lost device (or a recovery-key reset) makes a NEW recovery key
// (vault/rotation-recovery.ts, ADR 0021 "A new recovery key"): the old key — which the lost device held
// sealed under its vault key — must open nothing afterwards, neither this device's vault nor the header
// the sync server is given; the new key opens both, is recorded, waits to be confirmed, and is the
// same one after a killed worker resumed the rotation. Another device that adopts the rotation
// (vault/adopt-rotation.ts) drops its copy of the old key instead of keeping it as "the recovery key".
import { describe, expect, it } from 'vitest';
import { decodeRecoveryKey } from '@keyhold/shared/crypto/recovery-key';
import { unwrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { RotationHook } from '../../src/vault/rotation';
import { prepareAdoption } from '../../src/vault/adopt-rotation';
import { openRecoveryRecord } from '../../src/vault/recovery-record';
import { openItemRow } from '../../src/vault/item-codec';
import { encodeRecoveryKey } from '@keyhold/shared/crypto/recovery-key';
import type { RotationState } from '../../src/vault/rotation-machine';
import { note, PASSWORD, rotationWorker, until, type RotationWorker } from './_rotation-world';

const committed = (s: RotationState) => s.phase === 'committed';
const NEW_PASSWORD = 'a brand new passphrase 77';

/** A sync hook that only records the header the server would be given. */
function serverHook(published: VaultHeader[]): RotationHook {
  return {
    publish: async ({ next }) => void published.push(next),
    tables: [],
    reseal: async () => undefined,
    push: async () => 0,
    saltIdentity: async () => undefined,
  };
}

/** The vault key `recoveryKey` unwraps from `header`'s recovery wrapping, or null when it opens nothing. */
function recoveryOpens(header: VaultHeader, recoveryKey: string): Uint8Array | null {
  try {
    return unwrapVaultKey({
      wrapped: header.recoveryWrappedVaultKey,
      accountId: header.accountId,
      by: { kind: 'recovery', recoveryKey: decodeRecoveryKey(recoveryKey) },
    });
  } catch {
    return null;
  }
}

const listed = async (w: RotationWorker) => (await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 500 })).total;

describe('a rotation that makes a new recovery key', { timeout: 60_000 }, () => {
  it('leaves the old recovery key opening nothing, here or in the header the server gets; the new one resets the vault', async () => {
    const published: VaultHeader[] = [];
    const w = rotationWorker({ batchSize: 40, hook: serverHook(published) });
    const { recoveryKey: oldRecovery } = await w.vault.create(PASSWORD);
    await w.vault.confirmRecovery();
    await w.items.importMany(Array.from({ length: 90 }, (_, i) => note(`note ${i}`)));

    await w.rotation.start(PASSWORD, { recovery: 'new' });
    expect(await until(w, committed)).toMatchObject({ total: 90 });
    const newKey = await w.currentKey();
    const { recoveryKey: newRecovery } = await w.vault.viewRecoveryKey(PASSWORD);
    expect(newRecovery).not.toBe(oldRecovery);

    // The server's copy: the old key opens nothing; the new one opens the new vault key.
    expect(published).toHaveLength(1);
    const served = published[0]!;
    expect(recoveryOpens(served, oldRecovery)).toBeNull();
    expect(recoveryOpens(served, newRecovery)).toEqual(newKey);
    // This device's header is the one published.
    const local = (await w.db.getMeta('header'))!;
    expect(local).toEqual(served);
    expect(recoveryOpens(local, oldRecovery)).toBeNull();

    // The new key must be saved and confirmed before Keyhold opens normally again.
    expect((await w.vault.status()).recoveryConfirmed).toBe(false);

    // Locked, the old key resets nothing; the new one resets the password and opens every item.
    await w.vault.lock();
    await expect(w.vault.resetWithRecoveryKey(oldRecovery, NEW_PASSWORD)).rejects.toMatchObject({ code: 'INVALID' });
    await w.vault.resetWithRecoveryKey(newRecovery, NEW_PASSWORD);
    expect(await w.currentKey()).toEqual(newKey);
    expect(await listed(w)).toBe(90);
  });

  it('draws the new key once: a worker killed mid-way resumes with the same key, which is then recorded and unconfirmed', async () => {
    const published: VaultHeader[] = [];
    let stopAfter = 1;
    const first: { w?: RotationWorker } = {};
    const w = rotationWorker({
      batchSize: 40,
      hook: serverHook(published),
      onChange: (s) => {
        if (s.phase === 're-encrypting' && s.batch === stopAfter) void first.w!.session.lock();
      },
    });
    first.w = w;
    const { recoveryKey: oldRecovery } = await w.vault.create(PASSWORD);
    await w.vault.confirmRecovery();
    await w.items.importMany(Array.from({ length: 120 }, (_, i) => note(`note ${i}`)));
    await w.rotation.start(PASSWORD, { recovery: 'new' });
    expect(await until(w, (s) => s.phase === 'failed-resumable')).toMatchObject({ from: 're-encrypting' });
    stopAfter = -1;
    const journalled = (await w.db.getMeta('rotation'))!;
    expect(journalled.recovery).toBe('new');
    // Nothing is swapped before the commit: the old key still resets this vault meanwhile.
    expect(recoveryOpens((await w.db.getMeta('header'))!, oldRecovery)).not.toBeNull();

    const second = rotationWorker({ dbName: w.dbName, batchSize: 40, hook: serverHook(published) });
    await second.vault.unlock(PASSWORD);
    await second.rotation.resume();
    expect(await until(second, committed)).toMatchObject({ total: 120 });

    const header = (await second.db.getMeta('header'))!;
    expect(header).toEqual(journalled.header);
    expect(published.map((h) => h.recoveryWrappedVaultKey)).toEqual([journalled.header.recoveryWrappedVaultKey]);
    const { recoveryKey: newRecovery } = await second.vault.viewRecoveryKey(PASSWORD);
    expect(recoveryOpens(header, newRecovery)).toEqual(await second.currentKey());
    expect(recoveryOpens(header, oldRecovery)).toBeNull();
    expect((await second.vault.status()).recoveryConfirmed).toBe(false);
    await second.vault.confirmRecovery();
    expect((await second.vault.status()).recoveryConfirmed).toBe(true);
  });

  it('keeps the recovery key when asked to (and asks for no confirmation)', async () => {
    const published: VaultHeader[] = [];
    const w = rotationWorker({ batchSize: 40, hook: serverHook(published) });
    const { recoveryKey } = await w.vault.create(PASSWORD);
    await w.vault.confirmRecovery();
    await w.items.importMany([note('one'), note('two')]);
    await w.rotation.start(PASSWORD, { recovery: 'keep' });
    await until(w, committed);
    expect(recoveryOpens(published[0]!, recoveryKey)).toEqual(await w.currentKey());
    expect((await w.vault.viewRecoveryKey(PASSWORD)).recoveryKey).toBe(recoveryKey);
    expect((await w.vault.status()).recoveryConfirmed).toBe(true);
  });

  it('another device adopting it drops its copy of the old recovery key (kept when the rotation kept it)', async () => {
    for (const recovery of ['new', 'keep'] as const) {
      const a = rotationWorker({ batchSize: 40 });
      const { recoveryKey } = await a.vault.create(PASSWORD);
      await a.items.importMany([note('one'), note('two')]);
      const before = (await a.db.getMeta('header'))!;
      // Device B: the same vault as A had before the rotation.
      const b = rotationWorker();
      await b.db.meta.bulkPut(await a.db.meta.toArray());
      await b.db.items.bulkPut(await a.db.items.toArray());

      await a.rotation.start(PASSWORD, { recovery });
      await until(a, committed);
      const to = { accountId: before.accountId, vaultKey: await a.currentKey() };
      const adoption = (await prepareAdoption(b.db, {
        password: PASSWORD,
        local: before,
        pinned: undefined,
        to,
        opens: async (keys) => openItemRow((await b.db.items.limit(1).toArray())[0]!, keys).ok,
      }))!;
      expect(adoption).not.toBeNull();
      const adopted = (await a.db.getMeta('header'))!;
      await b.db.transaction('rw', [b.db.meta, b.db.items], async () => {
        await b.db.putMeta('header', adopted);
        await adoption.write();
      });
      adoption.done();
      const record = await b.db.getMeta('recoveryKey');
      if (recovery === 'new') expect(record).toBeUndefined();
      else expect(encodeRecoveryKey(openRecoveryRecord(record!, to))).toBe(recoveryKey);
    }
  });
});
