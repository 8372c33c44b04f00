// The vault database with sync's tables: the outbox of local changes, the merge bases, held remote
// changes, sync's records and open conflicts. They live in the vault's IndexedDB database, not their
// own, so a local write and its outbox record commit in one transaction; sync owns their shapes and
// their schema version. The background opens this one class (background/main.ts).
import type { Table } from 'dexie';
import type { ItemEnvelopes, ServerItem } from '@keyhold/shared/sync/protocol';
import { VaultDb } from '../vault/db';
import type { SyncStateKey, SyncStateRow } from './state-records';

/**
 * A local change the sync server has not accepted yet, one row per item (later changes coalesce).
 * What to push is the item's current row; no row means it was deleted here. `version` changes with
 * every local write, so a push that raced a newer write does not clear the newer one.
 */
export type OutboxRow = { id: string; version: string; deletedAt: number | null };

/**
 * The last version of an item this device and the server agreed on: the 3-way merge base and the
 * highest revision seen. `'item-row'`: the very envelopes of the item's row, stored once (sync's
 * outbox hook copies them here before a local write replaces the row).
 */
export type SyncBaseRow = { id: string; revision: number } & (
  { deleted: false; envelopes: ItemEnvelopes | 'item-row' } | { deleted: true; envelopes: null }
);

/**
 * Bases are kept in a fixed number of buckets (sync/base-store.ts), not one row per item: a first
 * sync writes 64 rows instead of 10,000 (each IndexedDB put costs a round trip to the browser).
 * `packed` lists the bases that are the 'item-row' marker or a deletion, one line each ("id
 * revision r|d"); `full` holds the others (a base kept beside a row that moved on since). `bases`,
 * one object per base, is how earlier versions stored every base: still read, never written.
 */
export type BaseBucketRow = {
  bucket: number;
  packed?: string;
  full?: Record<string, Omit<SyncBaseRow, 'id'>>;
  bases?: Record<string, Omit<SyncBaseRow, 'id'>>;
};

/** A remote change held back, unapplied, because no device has vouched for it in the manifest yet. */
export type SyncHeldRow = { id: string; item: ServerItem; firstSeenAt: number; reported: boolean };

/** An item with open sync conflicts (the popup's badge and resolve view). */
export type ConflictRow = { id: string; detectedAt: number };

export class SyncDb extends VaultDb {
  outbox!: Table<OutboxRow, string>;
  baseBuckets!: Table<BaseBucketRow, number>;
  syncHeld!: Table<SyncHeldRow, string>;
  syncState!: Table<SyncStateRow, SyncStateKey>;
  conflicts!: Table<ConflictRow, string>;

  constructor(name?: string) {
    super(name);
    // Only new tables, created empty: no existing row changes shape, so this version needs no
    // upgrade() — connecting to a server queues the existing items for upload instead.
    this.version(2).stores({ outbox: 'id', baseBuckets: 'bucket', syncHeld: 'id', syncState: 'key', conflicts: 'id' });
  }
}
