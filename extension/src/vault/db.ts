// The vault's IndexedDB database (Dexie). The background service worker is its only writer.
// Rows hold ciphertext envelopes and nothing is indexed but ids: ciphertext is never indexed
// (ARCHITECTURE.md). Schema changes bump the version with an upgrade() (Dexie docs).
import Dexie, { type Table } from 'dexie';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { KdfParams } from '@keyhold/shared/crypto/kdf-params';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { ItemEnvelopes, ServerItem } from '@keyhold/shared/sync/protocol';
import type { SyncStateKey, SyncStateRow } from '../sync/state-records';

/** One item: its wrapped item key and the sealed overview and details (all base64url envelopes). */
export type ItemRow = SealedItem;

/** Small named records. Each key has exactly one value shape. */
export type MetaRow =
  | { key: 'header'; value: VaultHeader }
  | { key: 'pinnedKdf'; value: KdfParams }
  | { key: 'recoveryConfirmed'; value: boolean }
  | { key: 'recoveryKey'; value: string }
  /** Binary v1 envelope (see crypto/seal-binary.ts): megabytes at 10,000 items, so no base64. */
  | { key: 'overviewIndex'; value: Uint8Array }
  /** The index's head and site buckets (vault/index-store.ts): binary envelopes too. */
  | { key: 'overviewHead'; value: Uint8Array }
  | { key: `overviewSites:${number}`; value: Uint8Array }
  | { key: 'generatorHistory'; value: string }
  | { key: 'unlockFailures'; value: { count: number; lastAt: number } };

export type MetaKey = MetaRow['key'];
export type MetaValue<K extends MetaKey> = Extract<MetaRow, { key: K }>['value'];

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
  | { deleted: false; envelopes: ItemEnvelopes | 'item-row' }
  | { deleted: true; envelopes: null }
);

/**
 * Bases are kept in a fixed number of buckets (sync/base-store.ts), not one row per item: a first
 * sync writes 64 rows instead of 10,000 (each IndexedDB put costs a round trip to the browser).
 */
export type BaseBucketRow = { bucket: number; bases: Record<string, Omit<SyncBaseRow, 'id'>> };

/** A remote change held back, unapplied, because no device has vouched for it in the manifest yet. */
export type SyncHeldRow = { id: string; item: ServerItem; firstSeenAt: number; reported: boolean };

/** An item with open sync conflicts (the popup's badge and resolve view). */
export type ConflictRow = { id: string; detectedAt: number };

export class VaultDb extends Dexie {
  items!: Table<ItemRow, string>;
  meta!: Table<MetaRow, MetaKey>;
  outbox!: Table<OutboxRow, string>;
  baseBuckets!: Table<BaseBucketRow, number>;
  syncHeld!: Table<SyncHeldRow, string>;
  syncState!: Table<SyncStateRow, SyncStateKey>;
  conflicts!: Table<ConflictRow, string>;

  constructor(name = 'keyhold-vault') {
    super(name);
    this.version(1).stores({ items: 'id', meta: 'key' });
    // Sync (issue 6). Only new tables, created empty: no existing row changes shape, so this version
    // needs no upgrade() — connecting to a server queues the existing items for upload instead.
    this.version(2).stores({ outbox: 'id', baseBuckets: 'bucket', syncHeld: 'id', syncState: 'key', conflicts: 'id' });
    // Another context opening a newer schema: close so it can upgrade; we reopen on next use.
    this.on('versionchange', () => {
      this.close();
      return false;
    });
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValue<K> | undefined> {
    const row = await this.meta.get(key);
    return row?.value as MetaValue<K> | undefined;
  }

  /** Several records in one read, values in the order of `keys`. */
  async getMetas<const K extends readonly MetaKey[]>(keys: K): Promise<{ [I in keyof K]: MetaValue<K[I]> | undefined }> {
    const rows = await this.meta.bulkGet([...keys]);
    return rows.map((row) => row?.value) as { [I in keyof K]: MetaValue<K[I]> | undefined };
  }

  async putMeta<K extends MetaKey>(key: K, value: MetaValue<K>): Promise<void> {
    await this.meta.put({ key, value } as MetaRow);
  }
}
