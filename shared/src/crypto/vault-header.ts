// The vault header: everything needed to unlock a vault, stored next to it and synced in the clear.
// None of it is secret, all of it is attacker-controlled when it comes from a server, so it is parsed
// strictly here and the KDF parameters are checked (floors, ceilings, pinned) before any derivation.
import { z } from 'zod';
import { VaultHeaderError } from './errors.ts';
import { assertKdfParamsAcceptable, type KdfParams } from './kdf-params.ts';

export const VAULT_FORMAT_VERSION = 1;

export type VaultHeader = {
  formatVersion: 1;
  accountId: string;
  kdf: KdfParams;
  /** vault key sealed by the KEK, purpose 'vault-key' */
  wrappedVaultKey: string;
  /** vault key sealed by the recovery key, purpose 'vault-key-recovery' */
  recoveryWrappedVaultKey: string;
  /**
   * Epoch and MAC by a key derived from the vault key over the fields above (header-stamp.ts); absent
   * on headers made before stamps existed (epoch 0).
   */
  stamp?: string;
};

/** Shape only; parseVaultHeader() adds the KDF rules. Exported for protocol schemas that embed a header. */
export const vaultHeaderSchema = z.object({
  formatVersion: z.literal(VAULT_FORMAT_VERSION),
  accountId: z.string().min(1).max(200),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int(),
    iterations: z.number().int(),
    parallelism: z.number().int(),
    salt: z.string(),
  }),
  wrappedVaultKey: z.string().min(1),
  recoveryWrappedVaultKey: z.string().min(1),
  stamp: z.string().min(1).max(100).optional(),
});

/**
 * Validates an untrusted header. Throws VaultHeaderError for a damaged or newer-format header and
 * KdfParamsError for unacceptable KDF settings (floors, ceilings, salt; and `pinned` when given).
 */
export function parseVaultHeader(value: unknown, options: { pinned?: KdfParams } = {}): VaultHeader {
  if (typeof value === 'object' && value !== null && 'formatVersion' in value && value.formatVersion !== VAULT_FORMAT_VERSION) {
    throw new VaultHeaderError(
      'unsupported-version',
      `This vault was written by a newer version of Keyhold (format ${String(value.formatVersion)}). Update Keyhold to open it.`,
    );
  }
  const parsed = vaultHeaderSchema.safeParse(value);
  if (!parsed.success) {
    throw new VaultHeaderError('malformed', 'The vault header is damaged, so the vault cannot be opened. Restore it from sync or a backup.');
  }
  const header: VaultHeader = parsed.data;
  assertKdfParamsAcceptable(header.kdf, options);
  return header;
}
