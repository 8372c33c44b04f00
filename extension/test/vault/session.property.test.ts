// The vault session under random interleavings (fast-check): saves, bulk writes, sync-style writes
// (a revocable loan around a queued write, as the sync engine does), trash, lock, auto-lock,
// unlock and service-worker restarts, each started after a random delay without waiting for the
// others. Whatever the schedule:
// - no write is ever sealed under a wiped key: after it all, every stored item opens with the real key;
// - no acknowledged write is lost: every save or bulk write that reported success is there;
// - whenever the vault reports "locked", every key it lent out before is wiped and storage.session is empty.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KDF_FLOORS } from '@keyhold/shared/crypto/kdf-params';
import { newItem } from '@keyhold/shared/items/new-item';
import { SyncDb } from '../../src/sync/sync-db';
import { createMemorySessionStore, type SessionStore } from '../../src/vault/session-store';
import { createVaultSession, type VaultSession } from '../../src/vault/session';
import { loadOverviewIndex } from '../../src/vault/index-store';
import { createVaultService } from '../../src/vault/vault-service';
import { createItemService } from '../../src/vault/item-service';
import { sealItemRow } from '../../src/vault/item-codec';

const PASSWORD = 'correct horse battery staple 42';
const now = () => Date.now();
let worldCount = 0;

type Op = { kind: 'save' | 'bulk' | 'sync' | 'trash' | 'lock' | 'unlock' | 'restart' | 'status'; delay: number };

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('save', 'save', 'save', 'bulk', 'sync', 'trash', 'lock', 'lock', 'unlock', 'restart', 'status', 'status'),
  delay: fc.integer({ min: 0, max: 4 }),
});

/** A session store that a "killed" worker can no longer touch (a real kill stops all its code). */
function killable(base: SessionStore): SessionStore & { kill(): void } {
  let dead = false;
  return {
    load: () => (dead ? Promise.resolve(null) : base.load()),
    save: (s) => (dead ? Promise.resolve() : base.save(s)),
    clear: () => (dead ? Promise.resolve() : base.clear()),
    kill: () => void (dead = true),
  };
}

/** One service worker's services over the shared database name and session store; loans are recorded. */
function worker(dbName: string, shared: SessionStore) {
  const lent: Uint8Array[] = [];
  const db = new SyncDb(dbName);
  const store = killable(shared);
  const session = createVaultSession({ store, now, loadIndex: (keys) => loadOverviewIndex(db, keys) });
  const spied: VaultSession = { ...session, borrow: (work, options) => session.borrow((u) => (lent.push(u.vaultKey), work(u)), options) };
  const vault = createVaultService({ db, session: spied, now, newVaultKdf: KDF_FLOORS });
  const items = createItemService({ db, session: spied, now });
  return { db, store, vault, items, lent };
}

const delay = (ticks: number) => new Promise((resolve) => setTimeout(resolve, ticks));
const note = (label: string) => newItem('note', { name: label, text: `text of ${label}` }, now());

describe('the vault session under random schedules', () => {
  it('never seals under a wiped key, never loses an acknowledged write, never says locked with a key out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 6, maxLength: 24 }), async (ops) => {
        const dbName = `property-${++worldCount}`;
        const shared = createMemorySessionStore();
        let w = worker(dbName, shared);
        await w.vault.create(PASSWORD);
        const acknowledged = new Map<string, string>();
        const violations: string[] = [];
        let n = 0;

        const run = async (op: Op): Promise<void> => {
          await delay(op.delay);
          const at = w;
          const label = `item ${++n}`;
          switch (op.kind) {
            case 'save': {
              const item = note(label);
              await at.items.save(item);
              acknowledged.set(item.id, label);
              return;
            }
            case 'bulk': {
              const batch = [note(`${label}a`), note(`${label}b`), note(`${label}c`)];
              await at.items.importMany(batch);
              for (const item of batch) acknowledged.set(item.id, item.name);
              return;
            }
            case 'sync': {
              const item = note(label);
              await at.vault.borrow(
                async (keys) => {
                  await delay(1); // the network
                  return at.items.applyRemote(async () => ({
                    changes: { put: [sealItemRow(item, keys)], remove: [], tables: [], write: async () => undefined },
                    result: null,
                  }));
                },
                { revocable: true },
              );
              acknowledged.set(item.id, label);
              return;
            }
            case 'trash': {
              const id = [...acknowledged.keys()][0];
              if (id) await at.items.trash([id]);
              return;
            }
            case 'lock':
              await at.vault.lock();
              return;
            case 'unlock':
              await at.vault.unlock(PASSWORD);
              return;
            case 'restart': {
              // The worker is killed: its database connection closes (its transactions abort) and
              // its code stops touching storage.session; a new worker starts on the same data.
              at.store.kill();
              at.db.close();
              w = worker(dbName, shared);
              return;
            }
            case 'status': {
              // Only this worker's loans: a killed worker's code never runs again, so its copies die with it.
              const before = at.lent.length;
              const status = await at.vault.status();
              if (status.state === 'locked' && at === w) {
                if (at.lent.slice(0, before).some((key) => key.some((b) => b !== 0))) violations.push('a lent key survived a reported lock');
                if ((await shared.load()) !== null && at === w && (await at.vault.status()).state === 'locked')
                  violations.push('storage.session kept a key while locked');
              }
              return;
            }
          }
        };

        const outcomes = await Promise.allSettled(ops.map(run));
        for (const o of outcomes) {
          if (o.status === 'rejected') {
            const code = (o.reason as { code?: string; name?: string }).code ?? (o.reason as Error).name;
            // Refused because locked, or cut off by a killed worker's closed database: both are honest failures.
            if (code !== 'LOCKED' && code !== 'DatabaseClosedError') violations.push(`unexpected failure: ${String(o.reason)}`);
          }
        }
        expect(violations).toEqual([]);

        // Afterwards: a fresh worker unlocks and finds every acknowledged write, and opens every row.
        await w.vault.lock();
        w.db.close();
        const check = worker(dbName, shared);
        await check.vault.unlock(PASSWORD);
        const rows = await check.db.items.toArray();
        for (const row of rows) await expect(check.items.get(row.id)).resolves.toMatchObject({ id: row.id });
        for (const [id, name] of acknowledged) expect((await check.items.get(id)).name).toBe(name);
        expect((await check.vault.status()).itemCount).toBe(rows.length);
        await check.vault.lock();
        check.db.close();
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
