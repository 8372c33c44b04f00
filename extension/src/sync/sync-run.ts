// What every step of one sync run works with: the database and item service, sync's own records,
// the server client signed in as this device, a copy of the vault key (so a lock during the run,
// which zeroes the vault's key, cannot turn good items into "undecryptable" ones) and the manifest.
import type { VaultDb } from '../vault/db';
import type { BaseStore } from './base-store';
import type { ItemService } from '../vault/item-service';
import type { ManifestBook } from './manifest-book';
import type { Reports } from './reports';
import type { ServerClient } from './server-client';
import type { SyncState } from './state-records';

export type SyncRun = {
  db: VaultDb;
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
export function syncTables(db: VaultDb) {
  return [db.baseBuckets, db.outbox, db.conflicts, db.syncState, db.syncHeld];
}
