// Reading and writing the vault-header part of an account row (KDF parameters, wrapped keys,
// manifest, header revision): one mapping shared by register, prelogin, header reads and writes.
import type { HeaderState, KdfParams, VaultHeader } from '@keyhold/shared/sync/protocol';

export type AccountHeaderRow = {
  kdf_memory_kib: number;
  kdf_iterations: number;
  kdf_parallelism: number;
  kdf_salt: string;
  wrapped_vault_key: string;
  recovery_wrapped_vault_key: string;
  manifest: string | null;
  header_revision: number;
};

export const ACCOUNT_HEADER_COLUMNS =
  'kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt, wrapped_vault_key, recovery_wrapped_vault_key, manifest, header_revision';

export function kdfFromRow(row: Pick<AccountHeaderRow, 'kdf_memory_kib' | 'kdf_iterations' | 'kdf_parallelism' | 'kdf_salt'>): KdfParams {
  return {
    algorithm: 'argon2id',
    memoryKiB: row.kdf_memory_kib,
    iterations: row.kdf_iterations,
    parallelism: row.kdf_parallelism,
    salt: row.kdf_salt,
  };
}

export function headerStateFromRow(row: AccountHeaderRow): HeaderState {
  const header: VaultHeader = {
    wrappedVaultKey: row.wrapped_vault_key,
    recoveryWrappedVaultKey: row.recovery_wrapped_vault_key,
  };
  if (row.manifest !== null) header.manifest = row.manifest;
  return { revision: row.header_revision, kdf: kdfFromRow(row), header };
}

/** Named parameters for the header columns of an INSERT or UPDATE. */
export function headerParams(kdf: KdfParams, header: VaultHeader) {
  return {
    kdf_memory_kib: kdf.memoryKiB,
    kdf_iterations: kdf.iterations,
    kdf_parallelism: kdf.parallelism,
    kdf_salt: kdf.salt,
    wrapped_vault_key: header.wrappedVaultKey,
    recovery_wrapped_vault_key: header.recoveryWrappedVaultKey,
    manifest: header.manifest ?? null,
  };
}
