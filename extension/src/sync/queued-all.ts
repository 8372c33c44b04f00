// Every item queued at once, without an outbox row each. When a device starts syncing from a clean
// slate (sign-up, or log-in with items already in the vault), every local item is to be pushed.
// Queuing them one outbox row each costs a request per item in Chromium's IndexedDB — about a second
// for 10,000 items — and deleting the rows as the server accepts them as many again. Instead one
// record, 'queuedAll', says: every item row that has no merge base is queued (as of its version).
// An item leaves that queue when it gets a base (the server accepted it, or a pull merged it); a
// local write in between gives it an outbox row as usual, and the row then speaks for it. The record
// is removed once every item has a base or an outbox row.
import type { BaseStore } from './base-store';
import type { OutboxRow, SyncDb } from './sync-db';
import type { SyncState } from './state-records';

/**
 * Queues every item of the vault, for a clean slate (inside the caller's transaction on the items,
 * the outbox and the sync state). The outbox rows go: with no bases, a row for an item that exists
 * says nothing more than the record, and one for a deletion has nothing left to delete.
 */
export async function queueAllItems(db: SyncDb, state: SyncState): Promise<void> {
  await db.outbox.clear();
  if ((await db.items.count()) === 0) await state.delete('queuedAll');
  else await state.put('queuedAll', { version: crypto.randomUUID() });
}

/**
 * The items queued by the record and not by an outbox row, as outbox entries (with the record's
 * version); none when there is no record.
 */
export async function queuedWithoutRows(db: SyncDb, state: SyncState, bases: BaseStore): Promise<OutboxRow[]> {
  const queued = await state.get('queuedAll');
  if (!queued) return [];
  const [ids, based, rows] = await Promise.all([db.items.toCollection().primaryKeys(), bases.ids(), db.outbox.toCollection().primaryKeys()]);
  const covered = new Set([...based, ...rows]);
  return ids.filter((id) => !covered.has(id)).map((id) => ({ id, version: queued.version, deletedAt: null }));
}

/** Removes the record once nothing is left in its queue, unless it was queued again meanwhile. */
export async function settleQueuedAll(db: SyncDb, state: SyncState, bases: BaseStore): Promise<void> {
  const queued = await state.get('queuedAll');
  if (!queued || (await queuedWithoutRows(db, state, bases)).length > 0) return;
  await db.transaction('rw', db.syncState, async () => {
    if ((await state.get('queuedAll'))?.version === queued.version) await state.delete('queuedAll');
  });
}

/** How many items wait to be pushed: outbox rows, and items queued by the record. */
export async function pendingCount(db: SyncDb, state: SyncState, bases: BaseStore): Promise<number> {
  const [rows, queued] = await Promise.all([db.outbox.count(), queuedWithoutRows(db, state, bases)]);
  return rows + queued.length;
}
