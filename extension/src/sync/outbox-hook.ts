// The item service's change hook: every local write puts its items in the outbox inside the write's
// own transaction (so a change is never saved without being queued, even if the service worker dies
// right after), then asks the engine to sync soon. Deleting an item also drops its conflict mark,
// and a merge base that shares the row's envelopes gets its own copy before the row changes.
import type { SyncDb, OutboxRow } from './sync-db';
import type { ChangeHook } from '../vault/item-service';
import { materializeBases } from './base-envelopes';

export function createOutboxHook(db: SyncDb, onCommitted: () => void): ChangeHook {
  return {
    tables: [db.outbox, db.conflicts, db.baseBuckets],
    async record(change) {
      await materializeBases(db, [...change.put, ...change.remove]);
      const rows: OutboxRow[] = [
        ...change.put.map((id) => ({ id, version: crypto.randomUUID(), deletedAt: null })),
        ...change.remove.map((id) => ({ id, version: crypto.randomUUID(), deletedAt: change.at })),
      ];
      if (rows.length) await db.outbox.bulkPut(rows);
      if (change.remove.length) await db.conflicts.bulkDelete([...change.remove]);
    },
    committed: onCommitted,
  };
}
