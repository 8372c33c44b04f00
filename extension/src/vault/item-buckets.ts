// Item rows are stored packed: one IndexedDB record per bucket of items, the bucket being the
// first two characters of the id (256 buckets for random UUIDs), plus one record counting them all
// (ADR 0028). Chromium's IndexedDB pays a round trip and a backend write per record, about 0.16 ms
// each on a 2-core machine, whatever the record's size: a first sync's 10,000 rows cost 1.8 s as
// 10,000 records, and a quarter of a second as 256. The rest of the extension still sees a table of
// rows — `db.items` — through a Dexie middleware (DBCore, below every other one) that maps each
// request on `items` to requests on the bucket table, within the same transaction: so every write
// stays atomic with what accompanies it (sync's bases, the index), IndexedDB still orders reads
// after the writes before them, and a transaction that names `items` includes the buckets.
// Buckets keep their rows sorted by id, and a bucket's key is a prefix of its ids, so reading the
// buckets in key order reads the rows in id order: ranges (a key rotation's batches) read only the
// buckets they span. The `items` object store itself stays empty; version 3 of the schema moves
// an older vault's rows into buckets (moveRowsIntoBuckets).
import type {
  DBCore,
  DBCoreKeyRange,
  DBCoreRangeType,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';

export const ITEMS_TABLE = 'items';
export const ITEM_BUCKETS_TABLE = 'itemBuckets';

/** A bucket's rows, sorted by id; or the count of all rows (key 0: a number sorts before every bucket's string key). */
export type ItemBucketRow = { bucket: string; rows: SealedItem[] } | { bucket: 0; count: number };

const COUNT_KEY = 0;
/** Bucket records written per request (see change()). */
const BUCKETS_PER_PUT = 32;
/** Most buckets fetched per request while a limited range is read. */
const BUCKETS_PER_READ = 16;

// DBCoreRangeType is a const enum in Dexie's types, which isolated modules cannot read: its values, spelled out.
const EQUAL = 1 as DBCoreRangeType;
const RANGE = 2 as DBCoreRangeType;
const ANY = 3 as DBCoreRangeType;
const NEVER = 4 as DBCoreRangeType;

export function itemBucketOf(id: string): string {
  return id.slice(0, 2);
}

/** Where a key that is not a string sorts against every string (IndexedDB: number < date < string < binary < array). */
function beforeStrings(key: unknown): boolean {
  return typeof key === 'number' || key instanceof Date;
}

/** Whether the id lies in the range (row keys are always strings; bounds may be any key). */
function inRange(id: string, range: DBCoreKeyRange): boolean {
  if (range.type === ANY) return true;
  if (range.type === NEVER) return false;
  if (range.type === EQUAL) return id === range.lower;
  const lower: unknown = range.lower;
  const upper: unknown = range.upper;
  if (lower !== undefined && lower !== null) {
    if (typeof lower === 'string') {
      if (range.lowerOpen ? id <= lower : id < lower) return false;
    } else if (!beforeStrings(lower)) return false;
  }
  if (upper !== undefined && upper !== null) {
    if (typeof upper === 'string') {
      if (range.upperOpen ? id >= upper : id > upper) return false;
    } else if (beforeStrings(upper)) return false;
  }
  return true;
}

/** The range of bucket keys holding every id of `range`; null when none can be in it. */
function bucketRange(range: DBCoreKeyRange, maxKey: unknown): DBCoreKeyRange | null {
  if (range.type === NEVER) return null;
  if (range.type === EQUAL) {
    if (typeof range.lower !== 'string') return null;
    const bucket = itemBucketOf(range.lower);
    return { type: EQUAL, lower: bucket, upper: bucket };
  }
  let lower = '';
  let upper: unknown = maxKey;
  if (range.type !== ANY) {
    if (typeof range.lower === 'string') lower = itemBucketOf(range.lower);
    else if (range.lower !== undefined && range.lower !== null && !beforeStrings(range.lower)) return null;
    if (typeof range.upper === 'string') upper = itemBucketOf(range.upper);
    else if (range.upper !== undefined && range.upper !== null && beforeStrings(range.upper)) return null;
  }
  return { type: RANGE, lower, lowerOpen: false, upper, upperOpen: false };
}

function isBucket(row: ItemBucketRow | undefined): row is Extract<ItemBucketRow, { rows: unknown }> {
  return row !== undefined && typeof row.bucket === 'string';
}

/** The index of `id` in sorted `rows`, or -1. */
function search(rows: readonly SealedItem[], id: string): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = rows[mid]!.id;
    if (at === id) return mid;
    if (at < id) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

function groupByBucket<T>(entries: readonly T[], idOf: (entry: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const bucket = itemBucketOf(idOf(entry));
    const group = groups.get(bucket);
    if (group) group.push(entry);
    else groups.set(bucket, [entry]);
  }
  return groups;
}

const byId = (a: SealedItem, b: SealedItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `items` as rows over the bucket table. */
function bucketedItems(core: DBCore, rowsTable: DBCoreTable, buckets: DBCoreTable): DBCoreTable {
  const countOf = async (trans: DBCoreTransaction): Promise<number> => {
    const row = (await buckets.get({ trans, key: COUNT_KEY })) as ItemBucketRow | undefined;
    return row && !isBucket(row) ? row.count : 0;
  };

  /** The rows in `range`, in id order, up to `limit`. */
  async function rowsIn(trans: DBCoreTransaction, range: DBCoreKeyRange, limit = Infinity): Promise<SealedItem[]> {
    const out: SealedItem[] = [];
    let span = bucketRange(range, core.MAX_KEY);
    while (span !== null && out.length < limit) {
      // A bucket holds at least one row: a small limit reads as few buckets as it asks for rows.
      const chunk = Number.isFinite(limit) ? Math.min(BUCKETS_PER_READ, Math.max(1, limit - out.length)) : undefined;
      const { result } = await buckets.query({
        trans,
        values: true,
        query: { index: buckets.schema.primaryKey, range: span },
        ...(chunk ? { limit: chunk } : {}),
      });
      for (const row of result as ItemBucketRow[]) {
        if (!isBucket(row)) continue;
        for (const item of row.rows) if (inRange(item.id, range) && out.length < limit) out.push(item);
      }
      if (chunk === undefined || result.length < chunk) break;
      const last = (result.at(-1) as { bucket: string }).bucket;
      span = { ...span, type: RANGE, lower: last, lowerOpen: true };
    }
    return out;
  }

  /**
   * Applies puts (`values`) and deletions (`remove`) to their buckets: each bucket touched is read,
   * changed and written back, with the count, in the caller's transaction. `add`: an id already
   * there fails (its operation's index in `failures`) and the rest go on.
   */
  async function change(
    trans: DBCoreTransaction,
    values: readonly SealedItem[],
    remove: readonly string[],
    add = false,
  ): Promise<{ failures: Record<number, Error> }> {
    const failures: Record<number, Error> = {};
    const puts = groupByBucket(
      values.map((row, index) => ({ row, index })),
      (entry) => entry.row.id,
    );
    const deletions = groupByBucket(remove, (id) => id);
    const keys = [...new Set([...puts.keys(), ...deletions.keys()])];
    const [stored, count] = await Promise.all([buckets.getMany({ trans, keys }) as Promise<(ItemBucketRow | undefined)[]>, countOf(trans)]);
    let total = count;
    const write: ItemBucketRow[] = [];
    const drop: string[] = [];
    keys.forEach((bucket, i) => {
      const before = stored[i];
      const rows = new Map((isBucket(before) ? before.rows : []).map((row) => [row.id, row] as const));
      let added = false;
      for (const { row, index } of puts.get(bucket) ?? []) {
        if (rows.has(row.id)) {
          if (add) {
            failures[index] = new DOMException('Key already exists in the object store.', 'ConstraintError');
            continue;
          }
        } else {
          total += 1;
          added = true;
        }
        rows.set(row.id, row);
      }
      for (const id of deletions.get(bucket) ?? []) if (rows.delete(id)) total -= 1;
      // A replaced row keeps its place; new ones are sorted in.
      const after = [...rows.values()];
      if (added) after.sort(byId);
      if (after.length > 0) write.push({ bucket, rows: after });
      else if (before !== undefined) drop.push(bucket);
    });
    // A group at a time: each put clones its bucket on this thread at once, and a download's page
    // rewrites every bucket (megabytes); between groups, other tasks — the popup's messages — run.
    for (let start = 0; start < write.length; start += BUCKETS_PER_PUT) {
      await buckets.mutate({ type: 'put', trans, values: write.slice(start, start + BUCKETS_PER_PUT) });
    }
    if (drop.length) await buckets.mutate({ type: 'delete', trans, keys: drop });
    if (total !== count) await buckets.mutate({ type: 'put', trans, values: [{ bucket: COUNT_KEY, count: total }] });
    return { failures };
  }

  const keyOf = (value: SealedItem, i: number, keys?: readonly unknown[]): string => (keys?.[i] as string | undefined) ?? value.id;

  return {
    ...rowsTable,
    async get({ trans, key }) {
      if (typeof key !== 'string') return undefined;
      const row = (await buckets.get({ trans, key: itemBucketOf(key) })) as ItemBucketRow | undefined;
      if (!isBucket(row)) return undefined;
      const at = search(row.rows, key);
      return at >= 0 ? row.rows[at] : undefined;
    },
    async getMany({ trans, keys }) {
      const wanted = [...new Set(keys.filter((k): k is string => typeof k === 'string').map(itemBucketOf))];
      const rows = (await buckets.getMany({ trans, keys: wanted })) as (ItemBucketRow | undefined)[];
      const byBucket = new Map(wanted.map((bucket, i) => [bucket, rows[i]] as const));
      return keys.map((key) => {
        if (typeof key !== 'string') return undefined;
        const row = byBucket.get(itemBucketOf(key));
        if (!isBucket(row)) return undefined;
        const at = search(row.rows, key);
        return at >= 0 ? row.rows[at] : undefined;
      });
    },
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      const { trans } = req;
      let keys: string[];
      let failures: Record<number, Error> = {};
      if (req.type === 'add' || req.type === 'put') {
        const values = (req.values as SealedItem[]).map((value, i) => {
          const id = keyOf(value, i, req.keys);
          return value.id === id ? value : { ...value, id };
        });
        keys = values.map((v) => v.id);
        ({ failures } = await change(trans, values, [], req.type === 'add'));
      } else if (req.type === 'delete') {
        keys = req.keys as string[];
        await change(trans, [], keys);
      } else {
        keys = [];
        if (req.range.type === ANY) {
          await buckets.mutate({ type: 'deleteRange', trans, range: req.range });
        } else {
          await change(
            trans,
            [],
            (await rowsIn(trans, req.range)).map((row) => row.id),
          );
        }
      }
      const numFailures = Object.keys(failures).length;
      const results = keys.map((key, i) => (failures[i] ? undefined : key));
      return { numFailures, failures, results, lastResult: results.at(-1) };
    },
    async query({ trans, values, limit, query, direction }) {
      if (!query.index.isPrimaryKey) throw new Error('items: only the id can be queried');
      const reverse = direction === 'prev' || direction === 'prevunique';
      let rows = await rowsIn(trans, query.range, reverse ? Infinity : (limit ?? Infinity));
      if (reverse) rows = rows.reverse().slice(0, limit ?? Infinity);
      return { result: values ? rows : rows.map((row) => row.id) };
    },
    async count({ trans, query }) {
      if (query.range.type === ANY) return countOf(trans);
      return (await rowsIn(trans, query.range)).length;
    },
    openCursor() {
      return Promise.reject(new Error('items: rows are stored in buckets; read them with a query, not a cursor'));
    },
  };
}

/** The middleware that presents the bucket table as `items` (see the top of this file). */
export const itemBucketsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'itemBuckets',
  // Below Dexie's own middlewares (the lowest is -1): they, and everything above, see a table of rows.
  level: -2,
  create(down) {
    if (!down.schema.tables.some((t) => t.name === ITEM_BUCKETS_TABLE)) return {};
    let items: DBCoreTable | null = null;
    return {
      transaction(stores, mode, options) {
        const scope = stores.includes(ITEMS_TABLE) && !stores.includes(ITEM_BUCKETS_TABLE) ? [...stores, ITEM_BUCKETS_TABLE] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        if (name !== ITEMS_TABLE) return down.table(name);
        items ??= bucketedItems(down, down.table(ITEMS_TABLE), down.table(ITEM_BUCKETS_TABLE));
        return items;
      },
    };
  },
};

/** The rows as bucket records, with the count. */
export function packIntoBuckets(rows: readonly SealedItem[]): ItemBucketRow[] {
  const groups = groupByBucket([...rows].sort(byId), (row) => row.id);
  return [{ bucket: COUNT_KEY, count: rows.length }, ...[...groups].map(([bucket, group]) => ({ bucket, rows: group }))];
}

/**
 * Schema version 3's upgrade: the rows of the `items` store move into buckets. Read and written with
 * IndexedDB itself, in the upgrade's transaction (through Dexie, `items` already means the buckets).
 */
export async function moveRowsIntoBuckets(idbtrans: IDBTransaction): Promise<void> {
  const done = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  const source = idbtrans.objectStore(ITEMS_TABLE);
  const rows = (await done(source.getAll())) as SealedItem[];
  if (rows.length === 0) return;
  const target = idbtrans.objectStore(ITEM_BUCKETS_TABLE);
  const writes = packIntoBuckets(rows).map((row) => done(target.put(row)));
  await Promise.all([...writes, done(source.clear())]);
}
