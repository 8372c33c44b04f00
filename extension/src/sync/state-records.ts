// What sync keeps in the vault database's `syncState` table: one typed record per key, read and
// written through createSyncState(). Nothing here is secret except the session token, which is
// stored sealed under the vault key (token-record.ts), so it is usable only while the vault is
// unlocked. Ids and revisions are metadata the server knows anyway.
import type { SyncDb } from './sync-db';
import type { SyncReport } from './reports';

/** The account this device is signed in to. */
export type StoredConnection = {
  /** Normalised base URL (server-url.ts), without a trailing slash. */
  serverUrl: string;
  email: string;
  accountId: string;
  /** This device's session id (hex SHA-256 of the token; it identifies, it cannot authenticate). */
  sessionId: string;
  deviceName: string;
  /** The bearer token, sealed under the vault key (token-record.ts). */
  sealedToken: string;
  connectedAt: number;
};

/** How far this device has synced, and with which server and account the bases belong to. */
export type SyncProgress = {
  serverUrl: string;
  accountId: string;
  /** The account revision this device has fully applied; 0 = nothing yet (the next pull is full). */
  cursor: number;
  /** When the server's whole listing was last checked against this device's bases (audit.ts). */
  lastFullCheckAt: number | null;
};

/** The server's vault header as last seen: putHeader needs its revision and keeps its wrapped keys. */
export type HeaderCache = { revision: number; wrappedVaultKey: string; recoveryWrappedVaultKey: string };

/**
 * One manifest entry: the newest revision some device of the account wrote for an item, and the
 * digest (base64url) of its envelopes — null or absent when not known (written before ADR 0023).
 */
export type ManifestEntryRecord = { id: string; revision: number; deleted: boolean; digest?: string | null };

/** The newest manifest root this device verified (ADR 0023): a served root below it is a rollback. */
export type ManifestRootRecord = { counter: number; root: string };

/** Where to fetch the new header from after another device changed the master password. */
export type PasswordChangeRecord = { serverUrl: string; email: string; accountId: string; deviceName: string; detectedAt: number };

/** Outcome of the scheduler's runs, shown in Settings → Sync in plain words. */
export type RunRecord = {
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  /** A plain-words message for the last failed run, null after a good one. */
  lastError: string | null;
  /** Consecutive failed runs (the exponential backoff's exponent). */
  failures: number;
  nextRetryAt: number | null;
};

export type SyncStateRow =
  | { key: 'connection'; value: StoredConnection }
  | { key: 'progress'; value: SyncProgress }
  | { key: 'header'; value: HeaderCache }
  /** The merged manifest this device trusts, as encoded entries (manifest.ts), not sealed. */
  | { key: 'manifest'; value: ManifestEntryRecord[] }
  /** This device's accepted writes not yet written into the server's manifest: one list (older versions), or chunks (owed.ts). */
  | { key: 'owed'; value: ManifestEntryRecord[] }
  | { key: OwedChunkKey; value: ManifestEntryRecord[] }
  /** A push batch on its way: its live items' ids and envelope digests (sent-journal.ts). */
  | { key: SentChunkKey; value: { id: string; digest: string }[] }
  /** Every item without a merge base is queued to be pushed (queued-all.ts). */
  | { key: 'queuedAll'; value: { version: string } }
  | { key: 'manifestRoot'; value: ManifestRootRecord }
  | { key: 'run'; value: RunRecord }
  /** The master password was changed on another device (password-change.ts): unlock through the server. */
  | { key: 'passwordChange'; value: PasswordChangeRecord }
  | { key: 'reports'; value: SyncReport[] }
  /** How far the server's index snapshot (ADR 0025) is behind, as this device knows it (index-snapshot.ts). */
  | { key: 'snapshotDebt'; value: SnapshotDebt };

/** Items changed since the account's index snapshot was last known current: this device's pushes, or what its first sync found. */
export type SnapshotDebt = { changed: number };

/** A chunk of owed manifest entries (owed.ts). */
export type OwedChunkKey = `owed:${string}`;
/** A journaled push batch (sent-journal.ts). */
export type SentChunkKey = `sent:${string}`;

export type SyncStateKey = SyncStateRow['key'];
export type SyncStateValue<K extends SyncStateKey> = Extract<SyncStateRow, { key: K }>['value'];

export function createSyncState(db: SyncDb) {
  return {
    async get<K extends SyncStateKey>(key: K): Promise<SyncStateValue<K> | undefined> {
      const row = await db.syncState.get(key);
      return row?.value as SyncStateValue<K> | undefined;
    },
    async put<K extends SyncStateKey>(key: K, value: SyncStateValue<K>): Promise<void> {
      await db.syncState.put({ key, value } as SyncStateRow);
    },
    async delete(key: SyncStateKey): Promise<void> {
      await db.syncState.delete(key);
    },
  };
}

export type SyncState = ReturnType<typeof createSyncState>;
