// The merge bases (the last synced version of each item, and the highest revision seen), kept in
// 64 buckets chosen by a hash of the item id. IndexedDB in Chromium pays a round trip per put, so
// a first sync of 10,000 items writes 64 bucket rows instead of 10,000 base rows; one change
// rewrites one bucket (about 150 entries, mostly the small 'item-row' marker). Every write reads
// its buckets inside a transaction that includes the bucket table, so it stays atomic with the
// item rows it accompanies. Bases of items a bucket does not hold yet are added as lines at the end
// of its text, the rest of it neither parsed nor packed again: a sign-up's batches and a first
// sync's pages cost in proportion to what they add, not to everything stored before them.
// A bucket stores its markers and deletions as one text, a line each (BaseBucketRow): copying a
// string in and out of IndexedDB costs next to nothing, where an object per base costs a clone per
// field — and a sign-up rewrites every bucket with each batch it records. Rows from before are read
// as they are and packed when next written.
import type { BaseBucketRow, SyncBaseRow, SyncDb } from './sync-db';

export const BASE_BUCKETS = 64;

/** FNV-1a (32-bit) of the id, so bucket sizes stay even whatever the ids look like. */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BASE_BUCKETS;
}

function groupByBucket(ids: Iterable<string>): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const id of ids) {
    const bucket = bucketOf(id);
    const group = groups.get(bucket);
    if (group) group.push(id);
    else groups.set(bucket, [id]);
  }
  return groups;
}

type StoredBase = Omit<SyncBaseRow, 'id'>;
type Bases = Record<string, StoredBase>;

/** The bases of a stored bucket row (a packed line that does not parse is skipped: that item has no base). */
export function unpackBases(row: BaseBucketRow | undefined): Bases {
  const bases: Bases = { ...row?.bases, ...row?.full };
  if (!row?.packed) return bases;
  for (const line of row.packed.split('\n')) {
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    if (first <= 0 || second < 0) continue;
    const revision = Number(line.slice(first + 1, second));
    const flag = line.slice(second + 1);
    if (!Number.isSafeInteger(revision) || revision < 0 || (flag !== 'r' && flag !== 'd')) continue;
    bases[line.slice(0, first)] = flag === 'd' ? { revision, deleted: true, envelopes: null } : { revision, deleted: false, envelopes: 'item-row' };
  }
  return bases;
}

/** A base's packed line: for a marker or a deletion (never for an id with a space or a line break); null: kept whole. */
function lineOf(id: string, base: StoredBase): string | null {
  const packable = (base.deleted || base.envelopes === 'item-row') && !/\s/.test(id) && id !== '';
  return packable ? `${id} ${base.revision} ${base.deleted ? 'd' : 'r'}` : null;
}

/** The row that stores `bases`: markers and deletions packed, the rest whole. */
export function packBases(bucket: number, bases: Bases): BaseBucketRow {
  const lines: string[] = [];
  const full: Bases = {};
  for (const [id, base] of Object.entries(bases)) {
    const line = lineOf(id, base);
    if (line !== null) lines.push(line);
    else full[id] = base;
  }
  return { bucket, packed: lines.join('\n'), ...(Object.keys(full).length > 0 ? { full } : {}) };
}

/**
 * `row` with the bases of `rows` added as lines at the end of its text, without reading the rest —
 * when none of those items has a base in it yet and each is a marker or a deletion (a sign-up's
 * batches, a first sync's pages: new items, each a marker); otherwise null. Unpacking `row` again
 * then gives what packing it whole would.
 */
function appended(bucket: number, row: BaseBucketRow | undefined, rows: readonly SyncBaseRow[]): BaseBucketRow | null {
  if (row?.bases) return null;
  const packed = row?.packed ?? '';
  const lines: string[] = [];
  for (const { id, ...base } of rows) {
    const line = lineOf(id, base);
    // A line starts the text or follows a line break, and ends its id with a space (no packed id has one).
    const held = (row?.full && Object.hasOwn(row.full, id)) || packed.startsWith(`${id} `) || packed.includes(`\n${id} `);
    if (line === null || held) return null;
    lines.push(line);
  }
  return { bucket, packed: packed ? `${packed}\n${lines.join('\n')}` : lines.join('\n'), ...(row?.full ? { full: row.full } : {}) };
}

async function readBuckets(db: SyncDb, buckets: readonly number[]): Promise<Map<number, Bases>> {
  const rows = await db.baseBuckets.bulkGet([...buckets]);
  return new Map(buckets.map((bucket, i) => [bucket, unpackBases(rows[i])]));
}

export function createBaseStore(db: SyncDb) {
  /**
   * Rewrites the buckets of `ids` in one read-modify-write: `write` makes each bucket's new row from
   * its stored one and its members. Deliberately not an async function: inside a caller's
   * transaction, awaiting an async function that touches no table lets the transaction commit under
   * the caller (Dexie's PrematureCommitError); nothing to do returns a plain resolved promise instead.
   */
  function rewrite(
    ids: Iterable<string>,
    write: (bucket: number, row: BaseBucketRow | undefined, members: string[]) => BaseBucketRow,
  ): Promise<void> {
    const groups = groupByBucket(ids);
    if (groups.size === 0) return Promise.resolve();
    return db.transaction('rw', db.baseBuckets, async () => {
      const buckets = [...groups.keys()];
      const stored = await db.baseBuckets.bulkGet(buckets);
      await db.baseBuckets.bulkPut(buckets.map((bucket, i) => write(bucket, stored[i], groups.get(bucket)!)));
    });
  }

  return {
    async get(ids: Iterable<string>): Promise<Map<string, SyncBaseRow>> {
      const groups = groupByBucket(ids);
      const buckets = await readBuckets(db, [...groups.keys()]);
      const out = new Map<string, SyncBaseRow>();
      for (const [bucket, members] of groups) {
        const bases = buckets.get(bucket)!;
        for (const id of members) {
          const base = Object.hasOwn(bases, id) ? bases[id] : undefined;
          if (base) out.set(id, { id, ...base } as SyncBaseRow);
        }
      }
      return out;
    },

    /**
     * Stores these bases. A bucket that holds none of them yet has their lines added to its text;
     * the others are read, changed and packed whole — which a sign-up's twenty batches would do
     * to every bucket, each with everything the batches before it stored.
     */
    put(rows: readonly SyncBaseRow[]): Promise<void> {
      const byId = new Map(rows.map((row) => [row.id, row]));
      return rewrite(byId.keys(), (bucket, row, ids) => {
        const members = ids.map((id) => byId.get(id)!);
        const quick = appended(bucket, row, members);
        if (quick) return quick;
        const bases = unpackBases(row);
        for (const { id, ...base } of members) bases[id] = base;
        return packBases(bucket, bases);
      });
    },

    delete(ids: Iterable<string>): Promise<void> {
      return rewrite(ids, (bucket, row, members) => {
        const bases = unpackBases(row);
        for (const id of members) delete bases[id];
        return packBases(bucket, bases);
      });
    },

    /** Every base (one read of all buckets). */
    async all(): Promise<Map<string, SyncBaseRow>> {
      const out = new Map<string, SyncBaseRow>();
      for (const row of await db.baseBuckets.toArray()) {
        for (const [id, base] of Object.entries(unpackBases(row))) out.set(id, { id, ...base } as SyncBaseRow);
      }
      return out;
    },

    /** Every item id with a base. */
    async ids(): Promise<string[]> {
      return (await db.baseBuckets.toArray()).flatMap((row) => Object.keys(unpackBases(row)));
    },

    async clear(): Promise<void> {
      await db.baseBuckets.clear();
    },
  };
}

export type BaseStore = ReturnType<typeof createBaseStore>;
