// Vault-key rotation in the background (vault/rotation.ts): every item re-encrypted in batches under a
// new key, resumable after a killed worker, cancel-safe, edits made meanwhile kept and re-encrypted.
import { describe, expect, it } from 'vitest';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import { openRecoveryRecord } from '../../src/vault/recovery-record';
import type { RotationState } from '../../src/vault/rotation-machine';
import { note, PASSWORD, rotationWorker, until, type RotationWorker } from './_rotation-world';

const committed = (s: RotationState) => s.phase === 'committed';

async function vaultWith(count: number, options: Parameters<typeof rotationWorker>[0] = {}) {
  const w = rotationWorker({ batchSize: 40, ...options });
  const { recoveryKey } = await w.vault.create(PASSWORD);
  await w.items.importMany(Array.from({ length: count }, (_, i) => note(`note ${i}`)));
  return { w, recoveryKey, oldKey: await w.currentKey() };
}

describe('rotating the vault key', () => {
  it('re-encrypts every item under a new key that the same password opens; the old key opens none', async () => {
    const { w, recoveryKey, oldKey } = await vaultWith(130);
    await w.rotation.start(PASSWORD);
    const end = await until(w, committed);
    expect(end).toEqual({ phase: 'committed', total: 130, unreadable: 0 });
    const newKey = await w.currentKey();
    expect(newKey).not.toEqual(oldKey);
    expect(await w.opening(newKey)).toEqual({ opened: 130, rows: 130 });
    expect((await w.opening(oldKey)).opened).toBe(0);
    // Nothing of the rotation is left behind.
    expect((await w.db.meta.toArray()).map((r) => r.key).filter((k) => k.startsWith('rotation'))).toEqual([]);
    // Every re-encrypted item is owed to the sync server.
    expect(await w.db.outbox.count()).toBe(130);
    // The recovery key is kept (re-wrapped and re-sealed), and the same password opens the vault.
    expect((await w.vault.viewRecoveryKey(PASSWORD)).recoveryKey).toBe(recoveryKey);
    const header = (await w.db.getMeta('header'))!;
    const record = (await w.db.getMeta('recoveryKey'))!;
    expect(() => openRecoveryRecord(record, { accountId: header.accountId, vaultKey: oldKey })).toThrow();
    await w.vault.lock();
    await w.vault.unlock(PASSWORD);
    expect(await w.currentKey()).toEqual(newKey);
    expect((await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 500 })).total).toBe(130);
    zeroize(oldKey, newKey);
  });

  it('refuses a wrong password, counting it, and starts nothing', async () => {
    const { w } = await vaultWith(3);
    await expect(w.rotation.start('not the password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await w.db.getMeta('rotation')).toBeUndefined();
    expect((await w.db.getMeta('unlockFailures'))?.count).toBe(1);
    expect(await w.rotation.status()).toEqual({ phase: 'idle' });
  });

  it('resumes after the worker was killed mid-way, on the next unlock, from where it stopped', async () => {
    let stopAfter = 2;
    const first: { w?: RotationWorker } = {};
    const { w, oldKey } = await vaultWith(200, {
      onChange: (s) => {
        // Kill the worker after two batches: its session is locked and its code stops.
        if (s.phase === 're-encrypting' && s.batch === stopAfter) void first.w!.session.lock();
      },
    });
    first.w = w;
    await w.rotation.start(PASSWORD);
    const stopped = await until(w, (s) => s.phase === 'failed-resumable');
    expect(stopped).toMatchObject({ phase: 'failed-resumable', from: 're-encrypting', done: 80, total: 200 });
    stopAfter = -1;
    // A new worker over the same database: it finds the journal and says "resuming" at unlock.
    const second = rotationWorker({ dbName: w.dbName, batchSize: 40 });
    await second.vault.unlock(PASSWORD);
    expect(await second.rotation.status()).toMatchObject({ phase: 'failed-resumable', from: 're-encrypting', done: 80 });
    await second.rotation.resume();
    expect(await until(second, committed)).toMatchObject({ total: 200 });
    const newKey = await second.currentKey();
    expect(await second.opening(newKey)).toEqual({ opened: 200, rows: 200 });
    expect((await second.opening(oldKey)).opened).toBe(0);
  });

  it('keeps edits, additions and deletions made during the rotation, all under the new key', async () => {
    const ref: { w?: RotationWorker } = {};
    const edits: Promise<unknown>[] = [];
    const made = await vaultWith(100, {
      onChange: (s) => {
        if (s.phase !== 're-encrypting' || s.batch !== 1) return;
        // The first batch (the 40 lowest ids) is staged: edit one of them, delete another, add one.
        const w = ref.w!;
        edits.push(
          (async () => {
            const rows = await w.db.items.orderBy('id').limit(2).toArray();
            const item = await w.items.get(rows[0]!.id);
            await w.items.save({ ...item, name: 'edited during rotation' } as typeof item);
            await w.items.deleteForever([rows[1]!.id]);
            await w.items.save(note('added during rotation'));
            return rows;
          })(),
        );
      },
    });
    const w = (ref.w = made.w);
    await w.rotation.start(PASSWORD);
    await until(w, committed);
    const [rows] = (await Promise.all(edits)) as [{ id: string }[]];
    const newKey = await w.currentKey();
    expect(await w.opening(newKey)).toEqual({ opened: 100, rows: 100 });
    expect((await w.opening(made.oldKey)).opened).toBe(0);
    expect((await w.items.get(rows[0]!.id)).name).toBe('edited during rotation');
    await expect(w.items.get(rows[1]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = await w.items.list({ filter: { kind: 'all' }, query: 'added during rotation', offset: 0, limit: 10 });
    expect(listed.total).toBe(1);
  });

  it('cancels before the commit without touching the vault', async () => {
    const ref: { w?: RotationWorker; cancelled?: Promise<RotationState> } = {};
    const made = await vaultWith(120, {
      onChange: (s) => {
        if (s.phase === 're-encrypting' && s.batch === 1 && !ref.cancelled) ref.cancelled = ref.w!.rotation.cancel();
      },
    });
    const w = (ref.w = made.w);
    const before = await w.db.items.toArray();
    await w.rotation.start(PASSWORD);
    await until(w, () => ref.cancelled !== undefined);
    expect(await ref.cancelled).toEqual({ phase: 'idle' });
    expect(await w.db.items.toArray()).toEqual(before);
    expect((await w.db.meta.toArray()).map((r) => r.key).filter((k) => k.startsWith('rotation'))).toEqual([]);
    expect(await w.currentKey()).toEqual(made.oldKey);
  });

  it('a commit that fails after publishing leaves the vault whole under the old key, and resumes (publishing again)', async () => {
    const published: string[] = [];
    let failures = 1;
    const hook = {
      tables: [],
      saltIdentity: async () => undefined,
      publish: async (change: { next: { stamp?: string } }) => void published.push(change.next.stamp ?? ''),
      reseal: async () => {
        if (failures-- > 0) throw new Error('the disk is full');
      },
      push: async () => 0,
    };
    const { w, oldKey } = await vaultWith(90, { hook });
    await w.rotation.start(PASSWORD);
    expect(await until(w, (s) => s.phase === 'failed-resumable')).toMatchObject({ from: 'committing' });
    // The transaction was rolled back: every row still opens with the old key, and the old key is in use.
    expect(await w.opening(oldKey)).toEqual({ opened: 90, rows: 90 });
    expect(await w.currentKey()).toEqual(oldKey);
    await w.rotation.resume();
    await until(w, committed);
    expect(published).toHaveLength(2);
    expect(published[0]).toBe(published[1]);
    expect((await w.opening(await w.currentKey())).opened).toBe(90);
    expect((await w.opening(oldKey)).opened).toBe(0);
  });

  it('refuses a second rotation while one is in progress', async () => {
    const { w } = await vaultWith(60, { batchSize: 10 });
    await w.rotation.start(PASSWORD);
    await expect(w.rotation.start(PASSWORD)).rejects.toMatchObject({ code: 'INVALID' });
    await until(w, committed);
  });
});
