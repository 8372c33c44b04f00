// Races between a lock and the work that holds the vault key (the vault session, vault/session.ts;
// docs/architecture.md "The vault session"). Both were reproduced on the code before the session
// machine: saves racing a lock sealed item keys under the WIPED (all-zero) vault key, and a lock during
// the restore after a service-worker restart left the vault unlocked.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
const now = () => Date.now();
const note = (i: number) => newItem('note', { name: `note ${i}`, text: `text ${i}` }, now());

describe('a lock racing writes', () => {
  it('20 saves racing a lock: each is written under the real key or refused as LOCKED; none under a wiped key', async () => {
    const w = vaultWorld({ now });
    await w.vault.create(PASSWORD);
    const saves = Array.from({ length: 20 }, (_, i) => w.items.save(note(i)));
    const locked = w.vault.lock();
    const results = await Promise.allSettled(saves);
    await locked;
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'LOCKED' });
    await w.vault.unlock(PASSWORD);
    const acknowledged = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
    for (const id of acknowledged) expect((await w.items.get(id)).id).toBe(id);
    expect((await w.vault.status()).itemCount).toBe(acknowledged.length);
    expect(await w.db.items.count()).toBe(acknowledged.length);
  });

  it('a bulk write racing a lock is all written under the real key, or not at all', async () => {
    const w = vaultWorld({ now });
    await w.vault.create(PASSWORD);
    const bulk = w.items.importMany(Array.from({ length: 20 }, (_, i) => note(i)));
    const locked = w.vault.lock();
    const outcome = await bulk.then(
      (r) => r.added,
      (error: unknown) => {
        expect(error).toMatchObject({ code: 'LOCKED' });
        return 0;
      },
    );
    await locked;
    await w.vault.unlock(PASSWORD);
    expect(await w.db.items.count()).toBe(outcome);
    const ids = (await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 100 })).rows.map((r) => r.id);
    for (const id of ids) await w.items.get(id);
  });

  it('a write still running when the drain time is up is cut off as LOCKED, not sealed under zeros', async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const w = vaultWorld({ now, drainTimeoutMs: 20 });
    await w.vault.create(PASSWORD);
    // Work that holds its loan past the drain timeout, then looks at its key.
    const stuck = w.vault.borrow(async (keys) => {
      started();
      await new Promise<void>((resolve) => (release = resolve));
      return keys.vaultKey.every((b) => b === 0);
    });
    await running;
    await w.vault.lock();
    expect((await w.vault.status()).state).toBe('locked');
    release();
    await expect(stuck).resolves.toBe(true); // its copy was wiped when the lock gave up waiting
    await expect(w.items.save(note(1))).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('never reports locked while a loan of the key is still out', async () => {
    const w = vaultWorld({ now });
    await w.vault.create(PASSWORD);
    const loan: { key: Uint8Array | null } = { key: null };
    let release!: () => void;
    const held = w.vault.borrow(async (keys) => {
      loan.key = keys.vaultKey;
      await new Promise<void>((resolve) => (release = resolve));
    });
    while (loan.key === null) await new Promise((resolve) => setTimeout(resolve, 0));
    const locking = w.vault.lock();
    let reported: string | null = null;
    const status = w.vault.status().then((s) => (reported = s.state));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reported).toBeNull(); // the status waits for the lock, which waits for the loan
    expect(loan.key!.some((b) => b !== 0)).toBe(true);
    release();
    await Promise.all([held, locking, status]);
    expect(reported).toBe('locked');
    expect(loan.key!.every((b) => b === 0)).toBe(true);
    expect(await w.store.load()).toBeNull();
  });
});

describe('a lock racing a service-worker restart', () => {
  it('a lock during the restore wins: the vault stays locked and storage.session is empty', async () => {
    const first = vaultWorld({ now });
    await first.vault.create(PASSWORD);
    await first.items.save(note(1));
    // A restarted worker: same database and session store, nothing in memory.
    const restarted = vaultWorld({ now, db: first.db, store: first.store });
    const status = restarted.vault.status(); // starts the restore
    const locked = restarted.vault.lock();
    await Promise.all([status, locked]);
    expect((await restarted.vault.status()).state).toBe('locked');
    await expect(restarted.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await first.store.load()).toBeNull();
    expect((await vaultWorld({ now, db: first.db, store: first.store }).vault.status()).state).toBe('locked');
  });

  it('a lock during an unlock’s key derivation wins: the unlock reports LOCKED and nothing is kept', async () => {
    const w = vaultWorld({ now });
    await w.vault.create(PASSWORD);
    await w.vault.lock();
    const unlocking = w.vault.unlock(PASSWORD);
    await w.vault.lock();
    await expect(unlocking).rejects.toMatchObject({ code: 'LOCKED' });
    expect((await w.vault.status()).state).toBe('locked');
    expect(await w.store.load()).toBeNull();
  });
});
