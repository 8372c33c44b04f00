// The import under random interleavings (fast-check): imports that begin, send chunks, commit or
// cancel, racing each other, locks, unlocks and service-worker restarts, each step after a random
// delay. Whatever the schedule, an import is in the vault whole or not at all: whole exactly when
// its commit reported success, and nothing of a cancelled, replaced, locked or killed import.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newItem } from '@keyhold/shared/items/new-item';
import { SyncDb } from '../../src/sync/sync-db';
import { createMemorySessionStore } from '../../src/vault/session-store';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
const now = () => Date.now();
let worldCount = 0;

type Op =
  | { kind: 'import'; size: number; chunk: number; end: 'commit' | 'cancel' | 'abandon'; delays: number[] }
  | { kind: 'lock' | 'unlock' | 'restart'; delay: number };

const delayArb = fc.integer({ min: 0, max: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      size: fc.integer({ min: 1, max: 12 }),
      chunk: fc.integer({ min: 1, max: 5 }),
      end: fc.constantFrom<'commit' | 'cancel' | 'abandon'>('commit', 'commit', 'cancel', 'abandon'),
      delays: fc.array(delayArb, { minLength: 8, maxLength: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom<'lock' | 'unlock' | 'restart'>('lock', 'unlock', 'unlock', 'restart'), delay: delayArb }),
  },
);

const delay = (ticks: number) => new Promise((resolve) => setTimeout(resolve, ticks));

describe('imports under random schedules', () => {
  it('are never partial: whole when the commit succeeded, absent otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 2, maxLength: 10 }), async (ops) => {
        const dbName = `import-property-${++worldCount}`;
        const store = createMemorySessionStore();
        const worlds = [vaultWorld({ now, db: new SyncDb(dbName), store })];
        const current = () => worlds[worlds.length - 1]!;
        await current().vault.create(PASSWORD);
        const committed = new Map<string, number>();
        const failedCommits = new Set<string>();

        const run = async (op: Op, n: number): Promise<void> => {
          if (op.kind !== 'import') {
            await delay(op.delay);
            const w = current();
            if (op.kind === 'lock') await w.vault.lock();
            else if (op.kind === 'unlock') await w.vault.unlock(PASSWORD);
            else {
              // A killed worker: its connection closes (its transactions abort); a new one starts on the same data.
              w.db.close();
              worlds.push(vaultWorld({ now, db: new SyncDb(dbName), store }));
            }
            return;
          }
          const prefix = `import${n}-`;
          const items = Array.from({ length: op.size }, (_, i) => newItem('note', { name: `${prefix}${i}`, text: `text ${n}.${i}` }, now()));
          const w = current();
          let step = 0;
          const wait = () => delay(op.delays[step++ % op.delays.length]!);
          await wait();
          const { importId } = await w.imports.begin(items.length);
          for (let i = 0; i < items.length; i += op.chunk) {
            await wait();
            await w.imports.add(importId, items.slice(i, i + op.chunk));
          }
          await wait();
          if (op.end === 'cancel') return w.imports.cancel(importId);
          if (op.end === 'abandon') return;
          try {
            const outcome = await w.imports.commit(importId, 'update');
            committed.set(prefix, outcome.added);
          } catch (error) {
            failedCommits.add(prefix);
            throw error;
          }
        };

        const outcomes = await Promise.allSettled(ops.map(run));
        for (const o of outcomes) {
          if (o.status === 'fulfilled') continue;
          const code = (o.reason as { code?: string; name?: string }).code ?? (o.reason as Error).name;
          // Locked, replaced or killed: honest refusals. Anything else is a bug.
          expect(['LOCKED', 'NOT_FOUND', 'DatabaseClosedError']).toContain(code);
        }

        const check = vaultWorld({ now, db: new SyncDb(dbName), store: createMemorySessionStore() });
        for (const w of worlds) w.db.close();
        await check.vault.unlock(PASSWORD);
        const page = await check.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10_000 });
        const counts = new Map<string, number>();
        for (const row of page.rows) {
          const prefix = row.name.slice(0, row.name.indexOf('-') + 1);
          counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
        }
        ops.forEach((op, n) => {
          if (op.kind !== 'import') return;
          const prefix = `import${n}-`;
          const found = counts.get(prefix) ?? 0;
          if (committed.has(prefix)) expect(found, prefix).toBe(op.size);
          else expect(found, prefix).toBe(0);
        });
        expect(await check.db.items.count()).toBe(page.total);
        await check.vault.lock();
        check.db.close();
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
