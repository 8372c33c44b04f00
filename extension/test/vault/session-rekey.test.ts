// The session's rekey transition (vault/session.ts), which a vault-key rotation's commit runs in:
// borrows made meanwhile wait and then get the NEW key (so no write is sealed under the old key after
// the commit), a lock during the commit wins (the new key is wiped), and work still out after the
// drain time makes the rekey refuse instead of swapping under it.
import { describe, expect, it } from 'vitest';
import { createVaultSession } from '../../src/vault/session';
import { createMemorySessionStore } from '../../src/vault/session-store';
import { createOverviewIndex } from '../../src/vault/overview-index';

const key = (byte: number) => new Uint8Array(32).fill(byte);
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

async function openSession(options: { drainTimeoutMs?: number } = {}) {
  const store = createMemorySessionStore();
  const session = createVaultSession({ store, now: () => 0, loadIndex: async () => createOverviewIndex(), ...options });
  await session.open(session.ticket(), { accountId: 'acc', vaultKey: key(1) }, createOverviewIndex());
  return { session, store };
}

describe('rekey', () => {
  it('swaps the key and the saved session; a borrow made during the commit waits and gets the new key', async () => {
    const { session, store } = await openSession();
    let release!: () => void;
    const committing = session.rekey(async (old) => {
      expect(old.vaultKey).toEqual(key(1));
      await new Promise<void>((r) => (release = r));
      return { vaultKey: key(2), index: createOverviewIndex() };
    });
    await tick();
    const seen = session.borrow((u) => u.vaultKey.slice());
    await tick(5);
    release();
    await committing;
    expect(await seen).toEqual(key(2));
    expect(await session.borrow((u) => u.vaultKey.slice())).toEqual(key(2));
    await tick(5);
    expect((await store.load())?.vaultKey).toEqual(key(2));
  });

  it('a lock during the commit wins: the session ends locked and the new key is wiped', async () => {
    const { session } = await openSession();
    const fresh = key(3);
    let release!: () => void;
    const committing = session.rekey(async () => {
      await new Promise<void>((r) => (release = r));
      return { vaultKey: fresh, index: createOverviewIndex() };
    });
    await tick();
    const locking = session.lock();
    release();
    await expect(committing).rejects.toMatchObject({ code: 'LOCKED' });
    await locking;
    expect(await session.state()).toBe('locked');
    expect(fresh).toEqual(new Uint8Array(32));
  });

  it('waits for writes in flight; one still out after the drain time makes it refuse, key unchanged', async () => {
    const { session } = await openSession({ drainTimeoutMs: 30 });
    let finish!: () => void;
    const stuck = session.borrow(() => new Promise<void>((r) => (finish = r)));
    await tick();
    let ran = false;
    await expect(
      session.rekey(async () => {
        ran = true;
        return { vaultKey: key(4), index: createOverviewIndex() };
      }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    expect(ran).toBe(false);
    finish();
    await stuck;
    expect(await session.borrow((u) => u.vaultKey.slice())).toEqual(key(1));
  });

  it('revokes a revocable loan (a sync run) instead of waiting for it', async () => {
    const { session } = await openSession({ drainTimeoutMs: 5_000 });
    const run = session.borrow(
      (u) =>
        new Promise<void>((_, reject) => {
          u.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      { revocable: true },
    );
    await tick();
    await session.rekey(async () => ({ vaultKey: key(5), index: createOverviewIndex() }));
    await expect(run).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await session.borrow((u) => u.vaultKey.slice())).toEqual(key(5));
  });
});
