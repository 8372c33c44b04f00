// Rows as both adapters store them (the same table and column names in SQLite and PostgreSQL) and
// their mapping to the port's records, written once.
import type { HeaderState, KdfParams, ServerItem, VaultHeader } from '@keyhold/shared/sync/protocol';
import type { SessionRecord } from './port';

export type KdfRow = { kdf_memory_kib: number; kdf_iterations: number; kdf_parallelism: number; kdf_salt: string };
export type HeaderRow = KdfRow & {
  wrapped_vault_key: string;
  recovery_wrapped_vault_key: string;
  manifest: string | null;
  header_stamp: string | null;
  header_revision: number;
};

export const KDF_COLUMNS = 'kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt';
export const HEADER_COLUMNS = `${KDF_COLUMNS}, wrapped_vault_key, recovery_wrapped_vault_key, manifest, header_stamp, header_revision`;

export function kdfFromRow(row: KdfRow): KdfParams {
  return {
    algorithm: 'argon2id',
    memoryKiB: row.kdf_memory_kib,
    iterations: row.kdf_iterations,
    parallelism: row.kdf_parallelism,
    salt: row.kdf_salt,
  };
}

export function headerStateFromRow(row: HeaderRow): HeaderState {
  const header: VaultHeader = { wrappedVaultKey: row.wrapped_vault_key, recoveryWrappedVaultKey: row.recovery_wrapped_vault_key };
  if (row.manifest !== null) header.manifest = row.manifest;
  if (row.header_stamp !== null) header.stamp = row.header_stamp;
  return { revision: row.header_revision, kdf: kdfFromRow(row), header };
}

/** The header columns of an INSERT or UPDATE, by column name. */
export function headerColumns(kdf: KdfParams, header: VaultHeader) {
  return {
    kdf_memory_kib: kdf.memoryKiB,
    kdf_iterations: kdf.iterations,
    kdf_parallelism: kdf.parallelism,
    kdf_salt: kdf.salt,
    wrapped_vault_key: header.wrappedVaultKey,
    recovery_wrapped_vault_key: header.recoveryWrappedVaultKey,
    manifest: header.manifest ?? null,
    header_stamp: header.stamp ?? null,
  };
}

export type ItemRow = {
  id: string;
  revision: number;
  /** 0/1 in SQLite, a boolean in PostgreSQL. */
  deleted: number | boolean;
  key_envelope: string | null;
  overview_envelope: string | null;
  details_envelope: string | null;
  updated_at: number;
};

export const ITEM_COLUMNS = 'id, revision, deleted, key_envelope, overview_envelope, details_envelope, updated_at';

/** Stored envelopes were validated when pushed; they are passed through, not re-validated. */
export function itemFromRow(row: ItemRow): ServerItem {
  if (row.deleted === 1 || row.deleted === true) {
    return { id: row.id, revision: row.revision, deleted: true, envelopes: null, updatedAt: row.updated_at };
  }
  return {
    id: row.id,
    revision: row.revision,
    deleted: false,
    envelopes: { key: row.key_envelope ?? '', overview: row.overview_envelope ?? '', details: row.details_envelope ?? '' },
    updatedAt: row.updated_at,
  };
}

export type SessionRow = { id: string; account_id: string; device_name: string; created_at: number; last_used_at: number; expires_at: number };

export const SESSION_COLUMNS = 'id, account_id, device_name, created_at, last_used_at, expires_at';

export function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    deviceName: row.device_name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}
