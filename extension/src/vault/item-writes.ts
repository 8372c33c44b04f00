// The one way rows reach the items table: changes are applied to the in-memory overview index, the
// index is re-sealed (crypto cannot run inside an IndexedDB transaction), then the rows, the index and
// whatever else the caller must write with them (sync's outbox, its bases) commit in ONE transaction,
// so the index and the items never disagree. On failure the memory index is rolled back. Writes run
// one after another (a slower write can never land an older index last).
import type { Table } from 'dexie';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { Overview } from '@keyhold/shared/items/item';
import type { VaultDb } from './db';
import type { Unlocked } from './session';
import { sealIndex } from './index-store';

export type RowChanges = { put?: { row: SealedItem; overview: Overview | null }[]; remove?: string[] };

/** More records to write in the same transaction, first (they may read the rows as they were). */
export type AlsoWrite = { tables: readonly Table[]; write(): Promise<void> };

export function createItemWrites(db: VaultDb) {
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs writes one after another. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function write(state: Unlocked, changes: RowChanges, also?: AlsoWrite): Promise<void> {
    const undo: (() => void)[] = [];
    const remember = (id: string) => {
      const before = state.index.overview(id);
      undo.push(before === undefined ? () => state.index.remove(id) : () => state.index.upsert(id, before));
    };
    for (const { row, overview } of changes.put ?? []) {
      remember(row.id);
      state.index.upsert(row.id, overview);
    }
    for (const id of changes.remove ?? []) {
      remember(id);
      state.index.remove(id);
    }
    try {
      const sealed = await sealIndex(state.index, state);
      await db.transaction('rw', [db.items, db.meta, ...(also?.tables ?? [])], async () => {
        await also?.write();
        if (changes.put?.length) await db.items.bulkPut(changes.put.map((c) => c.row));
        if (changes.remove?.length) await db.items.bulkDelete(changes.remove);
        await sealed.put(db);
      });
      sealed.done();
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  return { exclusive, write };
}
