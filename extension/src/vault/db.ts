// The vault's IndexedDB database (Dexie). The background service worker is its only writer. Sync
// adds its own tables in a subclass (sync/sync-db.ts); the vault's code sees only its own.
// Rows hold ciphertext envelopes and nothing is indexed but ids: ciphertext is never indexed
// (docs/architecture.md, "Local database"). Schema changes bump the version with an upgrade() (Dexie docs).
import Dexie, { type Table } from 'dexie';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { KdfParams } from '@keyhold/shared/crypto/kdf-params';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { RotationJournal, StagedBatch } from './rotation-journal';
import type { PrfRecord } from './quick-unlock/prf-record';
import { itemBucketsMiddleware, moveRowsIntoBuckets } from './item-buckets';

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
  /** Vault health's cache, last report and its summary, sealed (health/health-store.ts). */
  | { key: 'healthCache'; value: string }
  | { key: 'healthReport'; value: string }
  | { key: 'healthSummary'; value: string }
  | { key: 'unlockFailures'; value: { count: number; lastAt: number } }
  /** The WebAuthn PRF wrap of the vault key (vault/quick-unlock/, ADR 0019). */
  | { key: 'quickUnlockPrf'; value: PrfRecord }
  /** A vault-key rotation in progress, and its re-encrypted batches (vault/rotation-journal.ts). */
  | { key: 'rotation'; value: RotationJournal }
  | { key: `rotationBatch:${number}`; value: StagedBatch };

export type MetaKey = MetaRow['key'];
export type MetaValue<K extends MetaKey> = Extract<MetaRow, { key: K }>['value'];

export class VaultDb extends Dexie {
  items!: Table<ItemRow, string>;
  meta!: Table<MetaRow, MetaKey>;

  constructor(name = 'keyhold-vault') {
    super(name);
    this.version(1).stores({ items: 'id', meta: 'key' });
    // Version 3 packs the item rows into buckets (vault/item-buckets.ts, ADR 0028): `items` is then
    // read and written through the middleware, and its own store stays empty.
    this.version(3)
      .stores({ itemBuckets: 'bucket' })
      .upgrade((tx) => moveRowsIntoBuckets((tx as unknown as { idbtrans: IDBTransaction }).idbtrans));
    this.use(itemBucketsMiddleware);
    // Version 2 adds sync's tables; sync declares them (sync/sync-db.ts), so the vault knows nothing of sync.
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
