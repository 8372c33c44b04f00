// What every step of one sync run works with: the database and item service, sync's own records,
// the server client signed in as this device, the vault key lent to this run (revocable: a lock
// wipes it, the next seal or open throws ZeroKeyError, and the run ends as "locked", never as
// "undecryptable" items; vault/session.ts) and the manifest.
import type { SyncDb } from './sync-db';
import type { BaseStore } from './base-store';
import type { ItemService } from '../vault/item-service';
import type { ManifestBook } from './manifest-book';
import type { Reports } from './reports';
import type { ServerClient } from './server-client';
import type { SyncState } from './state-records';

export type SyncRun = {
  db: SyncDb;
  items: ItemService;
  state: SyncState;
  reports: Reports;
  client: ServerClient;
  keys: { accountId: string; vaultKey: Uint8Array };
  book: ManifestBook;
  bases: BaseStore;
  now: () => number;
};

/** Tables sync writes in the same transaction as item rows. */
export function syncTables(db: SyncDb) {
  return [db.baseBuckets, db.outbox, db.conflicts, db.syncState, db.syncHeld];
}
