// The one way rows reach the items table: changes are applied to the in-memory overview index, the
// index is re-sealed (crypto cannot run inside an IndexedDB transaction), then the rows, the index and
// whatever else the caller must write with them (sync's outbox, its bases) commit in ONE transaction,
// so the index and the items never disagree. On failure the memory index is rolled back. Writes run
// one after another (a slower write can never land an older index last; a download's pages are
// pipelined: write-queue.ts).
// A bulk download (sync's first pull, page after page) may defer the index: each page's rows commit
// with the stored index's body and head DELETED in the same transaction (if they are still there)
// — re-sealing the whole index per page would cost more than the page — and one sealed write at the
// end stores it again. Until
// then (or if that write never comes: a lock, a failure, a stopped worker) the next load finds no
// index and rebuilds it from the rows, so a stored index that does not match the rows is never used.
// The last page of such a download ('complete') stores the whole index with its rows, in one
// transaction. It may be pipelined: it seals the index while the pages before it commit — the worker
// is idle then, IndexedDB busy — and creates its transaction once they have all settled, sealing
// again if one of them changed the memory index meanwhile (a failed write takes its items back out).
import type { Table } from 'dexie';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { Overview } from '@keyhold/shared/items/item';
import type { VaultDb } from './db';
import type { Unlocked } from './session';
import { sealIndex, type SealedIndex } from './index-store';
import { createWriteQueue } from './write-queue';
import type { RowsAhead } from './rows-ahead';

export type { QueueOptions } from './write-queue';

export type RowChanges = { put?: { row: SealedItem; overview: Overview | null }[]; remove?: string[] };

/** More records to write in the same transaction, first (they may read the rows as they were). */
export type AlsoWrite = { tables: readonly Table[]; write(): Promise<void> };

/**
 * 'seal': the stored index is re-sealed with the rows; 'defer': it is removed until a sealed write;
 * 'complete': a download's last write, sealed with its rows — and, pipelined, while the writes
 * before it commit (see above).
 */
export type IndexWrite = 'seal' | 'defer' | 'complete';

/** The stored index's records that say it is complete: without them a load rebuilds from the rows. */
const STORED_INDEX_KEYS = ['overviewIndex', 'overviewHead'] as const;

/**
 * A large write's rows go in one request: the bucket store (item-buckets.ts) reads and rewrites each
 * bucket it touches once per request, so slicing a page of a download into several requests would
 * read and write its buckets once per slice. The store puts its bucket records a group at a time,
 * so other tasks (the popup's messages) still run between them.
 */
async function putRows(db: VaultDb, put: NonNullable<RowChanges['put']>): Promise<void> {
  await db.items.bulkPut(put.map((c) => c.row));
}

/** `ahead`: items listed ahead of their rows (rows-ahead.ts), told when a write carrying them has its transaction. */
export function createItemWrites(db: VaultDb, ahead?: RowsAhead) {
  const { exclusive, takeHandOff, takeBefore } = createWriteQueue();

  /**
   * The whole index sealed for a 'complete' write: at once, then, once every write queued before
   * this one has settled, again if any of them changed what a stored index holds meanwhile.
   */
  async function sealBehind(state: Unlocked, before: Promise<unknown>): Promise<SealedIndex> {
    const version = state.index.storedVersion;
    const sealed = await sealIndex(state.index, state);
    await before;
    return state.index.storedVersion === version ? sealed : sealIndex(state.index, state);
  }

  async function write(state: Unlocked, changes: RowChanges, also?: AlsoWrite, index: IndexWrite = 'seal'): Promise<void> {
    // A pipelined write hands off once its rows' transaction exists (below), or when it settles.
    const handOff = takeHandOff();
    const before = takeBefore();
    // Deferred: the stored index is deleted with the rows — unless it is already gone (every page of
    // a download after the first), when the rows' transaction leaves the meta table out of its scope,
    // and the popup's status read, which needs only meta, need not wait for it to commit. A pipelined
    // write deletes it first, in a transaction of its own, so that its rows' transaction never holds
    // meta and the next page's write — whose first step reads meta — need not wait for it to commit
    // (if no rows follow — a failure, a lock — the next load rebuilds the index from the rows). Read
    // before the memory index changes: from then on, until the rows' transaction is created, a reader
    // could see an item whose row is not yet on its way.
    const indexStored = index === 'defer' && (await db.meta.where('key').anyOf(STORED_INDEX_KEYS).primaryKeys()).length > 0;
    if (indexStored && handOff) await db.transaction('rw', db.meta, () => db.meta.bulkDelete([...STORED_INDEX_KEYS]));
    const dropIndex = indexStored && !handOff;
    const undo: (() => void)[] = [];
    const remember = (id: string) => {
      const before = state.index.overview(id);
      if (state.index.isAhead(id)) {
        // Listed ahead of its row: a failed write leaves it so, for the listing to settle.
        undo.push(() => {
          state.index.remove(id);
          state.index.listAhead([[id, before!]]);
        });
      } else {
        undo.push(before === undefined ? () => state.index.remove(id) : () => state.index.upsert(id, before));
      }
    };
    // A 'complete' write lists its items before it seals, and its transaction may come much later (see
    // above): until then they are listed ahead of their rows, and a read of one waits.
    const awaited = index === 'complete' && ahead ? ahead.add((changes.put ?? []).map((c) => c.row.id)) : [];
    for (const { row, overview } of changes.put ?? []) {
      remember(row.id);
      state.index.upsert(row.id, overview);
    }
    for (const id of changes.remove ?? []) {
      remember(id);
      state.index.remove(id);
    }
    try {
      // Deferred: the memory index keeps its changed sites, so the next sealed write stores them all.
      const sealed = index === 'seal' ? await sealIndex(state.index, state) : index === 'complete' ? await sealBehind(state, before) : null;
      await db.transaction('rw', [db.items, ...(sealed || dropIndex ? [db.meta] : []), ...(also?.tables ?? [])], async () => {
        // The transaction exists: the next pipelined write may list its rows and queue its own — from
        // a task of its own, outside this transaction's zone, which Dexie would otherwise carry into
        // that write's reads (its scope lacks their tables).
        if (handOff) setTimeout(handOff, 0);
        // Reads of items listed ahead of these rows may go on: IndexedDB orders them after this write.
        if (ahead?.size) {
          const ids = [...(changes.put ?? []).map((c) => c.row.id), ...(changes.remove ?? [])];
          setTimeout(() => ahead.arrived(ids), 0);
        }
        await also?.write();
        if (changes.put?.length) await putRows(db, changes.put);
        if (changes.remove?.length) await db.items.bulkDelete(changes.remove);
        if (sealed) await sealed.put(db);
        else if (dropIndex) await db.meta.bulkDelete([...STORED_INDEX_KEYS]);
      });
      sealed?.done();
    } catch (error) {
      for (const step of undo.reverse()) step();
      // No longer listed: a read that waited finds nothing.
      ahead?.arrived(awaited);
      throw error;
    }
  }

  return { exclusive, write };
}
