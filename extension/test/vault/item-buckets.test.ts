// Item rows packed into buckets (vault/item-buckets.ts): `db.items` still behaves as a table of rows
// — checked against a model under random operations — while IndexedDB holds one record per bucket;
// a vault written before buckets (schema version 2, today's format until ADR 0028) is moved into
// them when it is opened.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { SyncDb } from '../../src/sync/sync-db';
import { itemBucketOf, ITEM_BUCKETS_TABLE, type ItemBucketRow } from '../../src/vault/item-buckets';

let databases = 0;
const freshName = () => `item-buckets-test-${++databases}`;
const row = (id: string, n = 0): SealedItem => ({ id, key: `k${n}`, overview: `o${n}`, details: `d${n}` });
/** Ids over a few buckets, with neighbours in the same bucket (and short ids, whose bucket is the id). */
const idArb = fc.oneof(
  fc.constantFrom('a', 'ab', 'abc', 'abd', 'b', 'b0', 'ba1', 'zz', 'zzz', ''),
  fc.tuple(fc.constantFrom('0', '1', 'f'), fc.constantFrom('0', 'e'), fc.nat(30)).map(([a, b, n]) => `${a}${b}${n}`),
);

/** The raw bucket records, read with IndexedDB itself. */
async function rawBuckets(db: Dexie): Promise<ItemBucketRow[]> {
  const idb = db.backendDB();
  return new Promise((resolve, reject) => {
    const request = idb.transaction(ITEM_BUCKETS_TABLE).objectStore(ITEM_BUCKETS_TABLE).getAll();
    request.onsuccess = () => resolve(request.result as ItemBucketRow[]);
    request.onerror = () => reject(request.error ?? new Error('getAll failed'));
  });
}

const sortedIds = (model: Map<string, SealedItem>) => [...model.keys()].sort();

describe('item rows in buckets', () => {
  it('behave as a table of rows under any sequence of writes and reads', async () => {
    type Op =
      | { kind: 'put'; rows: SealedItem[] }
      | { kind: 'add'; rows: SealedItem[] }
      | { kind: 'delete'; ids: string[] }
      | { kind: 'clear' }
      | { kind: 'above'; id: string; limit: number }
      | { kind: 'between'; low: string; high: string };
    const rowsArb = fc.array(
      fc.tuple(idArb, fc.nat(99)).map(([id, n]) => row(id, n)),
      { maxLength: 12 },
    );
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: rowsArb.map((rows) => ({ kind: 'put' as const, rows })) },
      { weight: 1, arbitrary: rowsArb.map((rows) => ({ kind: 'add' as const, rows })) },
      { weight: 2, arbitrary: fc.array(idArb, { maxLength: 6 }).map((ids) => ({ kind: 'delete' as const, ids })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('above' as const), id: idArb, limit: fc.integer({ min: 1, max: 8 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('between' as const), low: idArb, high: idArb }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const db = new SyncDb(freshName());
        const model = new Map<string, SealedItem>();
        try {
          for (const step of ops) {
            if (step.kind === 'put') {
              await db.items.bulkPut(step.rows);
              for (const r of step.rows) model.set(r.id, r);
            } else if (step.kind === 'add') {
              // bulkAdd adds what is new and reports the rest (the first of a repeated id wins).
              const fresh = new Map<string, SealedItem>();
              for (const r of step.rows) if (!model.has(r.id) && !fresh.has(r.id)) fresh.set(r.id, r);
              const failures = step.rows.length - fresh.size;
              const outcome = await db.items.bulkAdd(step.rows).then(
                () => 0,
                (error: { failures?: unknown[] }) => error.failures?.length ?? -1,
              );
              expect(outcome).toBe(failures);
              for (const [id, r] of fresh) model.set(id, r);
            } else if (step.kind === 'delete') {
              await db.items.bulkDelete(step.ids);
              for (const id of step.ids) model.delete(id);
            } else if (step.kind === 'clear') {
              await db.items.clear();
              model.clear();
            } else if (step.kind === 'above') {
              const got = await db.items.where('id').above(step.id).limit(step.limit).toArray();
              expect(got).toEqual(
                sortedIds(model)
                  .filter((id) => id > step.id)
                  .slice(0, step.limit)
                  .map((id) => model.get(id)),
              );
            } else {
              const [low, high] = step.low <= step.high ? [step.low, step.high] : [step.high, step.low];
              const got = await db.items.where(':id').between(low, high, true, true).primaryKeys();
              expect(got).toEqual(sortedIds(model).filter((id) => id >= low && id <= high));
            }
            // After every step: the whole table, its count, single and bulk reads, in id order.
            expect(await db.items.toArray()).toEqual(sortedIds(model).map((id) => model.get(id)));
            expect(await db.items.count()).toBe(model.size);
            const probe = ['', 'a', 'abc', 'zz', 'f030', 'missing'];
            expect(await db.items.bulkGet(probe)).toEqual(probe.map((id) => model.get(id)));
            expect(await db.items.get('ab')).toEqual(model.get('ab'));
            // Stored: one record per bucket that has rows, each holding exactly that bucket's ids, and the count.
            const raw = await rawBuckets(db);
            const buckets = raw.filter((r): r is Extract<ItemBucketRow, { rows: unknown }> => typeof r.bucket === 'string');
            for (const bucket of buckets) {
              expect(bucket.rows.length).toBeGreaterThan(0);
              expect(bucket.rows.every((r) => itemBucketOf(r.id) === bucket.bucket)).toBe(true);
            }
            expect(buckets.flatMap((b) => b.rows.map((r) => r.id)).sort()).toEqual(sortedIds(model));
            const counted = raw.find((r) => r.bucket === 0);
            expect(counted && 'count' in counted ? counted.count : 0).toBe(model.size);
          }
        } finally {
          db.close();
          await Dexie.delete(db.name);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('stores a bulk write of many rows as one record per bucket', async () => {
    const db = new SyncDb(freshName());
    const rows = Array.from({ length: 2000 }, () => row(crypto.randomUUID()));
    await db.items.bulkPut(rows);
    const raw = await rawBuckets(db);
    // 256 buckets for random UUIDs (two hex digits), and the count.
    expect(raw.length).toBeLessThanOrEqual(257);
    expect(raw.length).toBeGreaterThan(200);
    expect(await db.items.count()).toBe(2000);
    db.close();
  });

  it('is all-or-nothing with the transaction it is written in', async () => {
    const db = new SyncDb(freshName());
    await db.items.bulkPut([row('a1', 1), row('b1', 1)]);
    await expect(
      db.transaction('rw', [db.items, db.meta], async () => {
        await db.items.bulkPut([row('a1', 2), row('c1', 2)]);
        await db.items.delete('b1');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.items.toArray()).toEqual([row('a1', 1), row('b1', 1)]);
    expect(await db.items.count()).toBe(2);
    db.close();
  });

  it('loses no write when transactions change the same bucket at the same time', async () => {
    const db = new SyncDb(freshName());
    await db.items.bulkPut([row('ab0', 0), row('ab9', 0)]);
    // Every write below lands in bucket 'ab': each one reads it and writes it back. Started together;
    // IndexedDB runs read-write transactions on one store one at a time, so none reads a stale bucket.
    const writers = Array.from({ length: 8 }, (_, n) =>
      db.transaction('rw', [db.items, db.meta], async () => {
        await db.items.put(row(`ab${n + 1}x`, n));
        // Other requests in between, a different number in each (a timer would end the transaction).
        for (let k = 0; k < (n * 7) % 5; k++) await db.meta.get('header');
        if (n === 3) await db.items.delete('ab9');
        await db.items.put(row(`ab${n + 1}y`, n));
      }),
    );
    await Promise.all(writers);
    const ids = (await db.items.toCollection().primaryKeys()) as string[];
    expect(ids).toEqual(['ab0', ...Array.from({ length: 8 }, (_, n) => [`ab${n + 1}x`, `ab${n + 1}y`]).flat()].sort());
    expect(await db.items.count()).toBe(17);
    db.close();
  });

  it('moves the rows of a vault made before buckets into them when it is opened', async () => {
    const name = freshName();
    // Today's format before ADR 0028: schema version 2, one record per row in `items`.
    const before = new Dexie(name);
    before.version(1).stores({ items: 'id', meta: 'key' });
    before.version(2).stores({ outbox: 'id', baseBuckets: 'bucket', syncHeld: 'id', syncState: 'key', conflicts: 'id' });
    const rows = Array.from({ length: 300 }, (_, i) => row(crypto.randomUUID(), i));
    await before.table('items').bulkPut(rows);
    await before.table('meta').put({ key: 'recoveryConfirmed', value: true });
    before.close();

    const db = new SyncDb(name);
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await db.items.toArray()).toEqual(sorted);
    expect(await db.items.count()).toBe(300);
    expect(await db.items.get(rows[7]!.id)).toEqual(rows[7]);
    expect(await db.getMeta('recoveryConfirmed')).toBe(true);
    // The old store is empty: nothing is read from it twice, nothing stale is left in it.
    const idb = db.backendDB();
    const left = await new Promise<number>((resolve) => {
      const request = idb.transaction('items').objectStore('items').count();
      request.onsuccess = () => resolve(request.result);
    });
    expect(left).toBe(0);
    db.close();
  });

  it('refuses a cursor over the rows with a clear error instead of a wrong answer', async () => {
    const db = new SyncDb(freshName());
    await db.items.bulkPut([row('a1'), row('b1')]);
    await expect(db.items.filter(() => true).toArray()).rejects.toThrow(/stored in buckets/);
    db.close();
  });
});
