// The merge bases' storage (sync/base-store.ts): markers and deletions packed into one text per
// bucket, the rest kept whole, rows written by earlier versions still read, damage contained.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, createBaseStore, packBases, unpackBases } from '../../src/sync/base-store';
import { SyncDb, type SyncBaseRow } from '../../src/sync/sync-db';

let databases = 0;
const freshDb = () => new SyncDb(`base-store-test-${++databases}`);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const envelopes = { key: 'k1', overview: 'o1', details: 'd1' };

describe('the base store', () => {
  it('keeps markers, deletions and whole envelopes through a write and a read', async () => {
    const db = freshDb();
    const store = createBaseStore(db);
    const rows: SyncBaseRow[] = [
      { id: uuid(1), revision: 7, deleted: false, envelopes: 'item-row' },
      { id: uuid(2), revision: 9, deleted: true, envelopes: null },
      { id: uuid(3), revision: 12, deleted: false, envelopes },
    ];
    await store.put(rows);
    expect([...(await store.get(rows.map((r) => r.id))).values()]).toEqual(rows);
    expect(new Map([...(await store.all())])).toEqual(new Map(rows.map((r) => [r.id, r])));
    expect((await store.ids()).sort()).toEqual(rows.map((r) => r.id).sort());
    // Stored: the marker and the deletion as text, the envelopes whole.
    const stored = await db.baseBuckets.toArray();
    const packed = stored.map((row) => row.packed ?? '').join('\n');
    expect(packed).toContain(`${uuid(1)} 7 r`);
    expect(packed).toContain(`${uuid(2)} 9 d`);
    expect(stored.find((row) => row.full)?.full).toEqual({ [uuid(3)]: { revision: 12, deleted: false, envelopes } });
    expect(stored.every((row) => row.bases === undefined)).toBe(true);

    await store.delete([uuid(1)]);
    expect((await store.get([uuid(1), uuid(2)])).has(uuid(1))).toBe(false);
    expect((await store.get([uuid(2)])).get(uuid(2))).toEqual(rows[1]);
  });

  it('reads a bucket written by an earlier version, and packs it when it is next written', async () => {
    const db = freshDb();
    const old = uuid(20);
    const bucket = bucketOf(old);
    await db.baseBuckets.put({ bucket, bases: { [old]: { revision: 3, deleted: false, envelopes: 'item-row' } } });
    const store = createBaseStore(db);
    expect((await store.get([old])).get(old)).toEqual({ id: old, revision: 3, deleted: false, envelopes: 'item-row' });
    const sameBucket = Array.from({ length: 5000 }, (_, i) => uuid(100 + i)).find((id) => bucketOf(id) === bucket)!;
    await store.put([{ id: sameBucket, revision: 4, deleted: false, envelopes: 'item-row' }]);
    const row = await db.baseBuckets.get(bucket);
    expect(row?.bases).toBeUndefined();
    expect(unpackBases(row)).toEqual({
      [old]: { revision: 3, deleted: false, envelopes: 'item-row' },
      [sameBucket]: { revision: 4, deleted: false, envelopes: 'item-row' },
    });
  });

  it('skips a damaged line and keeps the rest of its bucket', () => {
    const row = { bucket: 1, packed: [`${uuid(1)} 5 r`, 'garbage', `${uuid(2)} x r`, `${uuid(3)} 6 q`, ` 7 r`, `${uuid(4)} 8 d`].join('\n') };
    expect(unpackBases(row)).toEqual({
      [uuid(1)]: { revision: 5, deleted: false, envelopes: 'item-row' },
      [uuid(4)]: { revision: 8, deleted: true, envelopes: null },
    });
  });

  it('never packs an id that would not read back the same', () => {
    const bases = {
      'odd id': { revision: 1, deleted: false as const, envelopes: 'item-row' as const },
      'line\nbreak': { revision: 2, deleted: true as const, envelopes: null },
    };
    const row = packBases(9, bases);
    expect(row.packed).toBe('');
    expect(unpackBases(row)).toEqual(bases);
  });

  it('bases added to the end of a bucket read back as if packed whole: puts, repeats and deletions in any order', async () => {
    // Few ids, so that puts meet ids already stored (which take the whole read-modify-write), and a
    // few buckets hold many: either way, what is read is what was last written.
    const id = fc.integer({ min: 0, max: 40 }).map((n) => uuid(n));
    const base = fc.oneof(
      fc.record({ revision: fc.nat(1000), deleted: fc.constant(false as const), envelopes: fc.constant('item-row' as const) }),
      fc.record({ revision: fc.nat(1000), deleted: fc.constant(true as const), envelopes: fc.constant(null) }),
      fc.record({ revision: fc.nat(1000), deleted: fc.constant(false as const), envelopes: fc.constant(envelopes) }),
    );
    const step = fc.oneof(
      fc.record({ put: fc.array(fc.tuple(id, base), { minLength: 1, maxLength: 30 }) }),
      fc.record({ delete: fc.array(id, { minLength: 1, maxLength: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const db = freshDb();
        const store = createBaseStore(db);
        const model = new Map<string, SyncBaseRow>();
        for (const s of steps) {
          if ('put' in s) {
            const rows = s.put.map(([id, base]) => ({ id, ...base }) as SyncBaseRow);
            await store.put(rows);
            for (const row of rows) model.set(row.id, row);
          } else {
            await store.delete(s.delete);
            for (const id of s.delete) model.delete(id);
          }
          expect(new Map(await store.all())).toEqual(model);
        }
        // No item has two lines: a bucket that held one of the ids was packed whole.
        for (const row of await db.baseBuckets.toArray()) {
          const ids = (row.packed ? row.packed.split('\n') : []).map((line) => line.split(' ')[0]);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(Object.hasOwn(row.full ?? {}, id!)).toBe(false);
        }
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('a bucket written by an earlier version is packed whole when bases are added to it', async () => {
    const db = freshDb();
    const old = uuid(20);
    const bucket = bucketOf(old);
    await db.baseBuckets.put({ bucket, bases: { [old]: { revision: 3, deleted: false, envelopes: 'item-row' } } });
    const sameBucket = Array.from({ length: 5000 }, (_, i) => uuid(100 + i)).filter((id) => bucketOf(id) === bucket);
    const store = createBaseStore(db);
    await store.put(sameBucket.slice(0, 3).map((id, i) => ({ id, revision: 10 + i, deleted: false, envelopes: 'item-row' })));
    const row = await db.baseBuckets.get(bucket);
    expect(row?.bases).toBeUndefined();
    expect(Object.keys(unpackBases(row)).sort()).toEqual([old, ...sameBucket.slice(0, 3)].sort());
  });
});
