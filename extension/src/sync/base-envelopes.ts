// Bases stored once: a base whose envelopes are the item row's own is kept as the marker
// 'item-row' (a first sync of 10,000 items writes each ciphertext once, not twice). The marker
// holds only while the row is unchanged, so before a local write replaces or deletes a row, the
// outbox hook copies the row's envelopes into such a base (materializeBases, same transaction).
import type { ItemEnvelopes } from '@keyhold/shared/sync/protocol';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { SyncBaseRow, SyncDb } from './sync-db';
import { createBaseStore } from './base-store';

/** The base's envelopes; `row` is the item's current row (needed for the marker). */
export function baseEnvelopes(base: SyncBaseRow, row: SealedItem | undefined): ItemEnvelopes | null {
  if (base.deleted) return null;
  if (base.envelopes !== 'item-row') return base.envelopes;
  return row ? { key: row.key, overview: row.overview, details: row.details } : null;
}

/** Inside a local write's transaction, before its rows change: bases that point at them get a copy. */
export function materializeBases(db: SyncDb, ids: readonly string[]): Promise<void> {
  // Not async when there is nothing to do (see base-store.ts on awaiting inside transactions).
  return ids.length === 0 ? Promise.resolve() : copyRowsIntoBases(db, ids);
}

async function copyRowsIntoBases(db: SyncDb, ids: readonly string[]): Promise<void> {
  const store = createBaseStore(db);
  const marked = [...(await store.get(ids)).values()].filter((base) => base.envelopes === 'item-row');
  if (marked.length === 0) return;
  const rows = await db.items.bulkGet(marked.map((base) => base.id));
  await store.put(
    marked.flatMap((base, i): SyncBaseRow[] => {
      const envelopes = baseEnvelopes(base, rows[i]);
      return envelopes ? [{ id: base.id, revision: base.revision, deleted: false, envelopes }] : [];
    }),
  );
}
