// What a vault-key rotation keeps in the vault database while it runs (docs/adr/0021-vault-key-rotation.md):
// the journal (`meta.rotation`: where the rotation is, the new header, and its keys sealed under the
// OLD vault key) and the re-encrypted batches (`meta.rotationBatch:N`). A killed service worker finds
// both on the next unlock, which opens the old key, and so the journal's keys, and resumes.
// The items table is not touched until the commit, which swaps everything in one transaction.
import { z } from 'zod';
import { concatBytes, zeroize } from '@keyhold/shared/crypto/bytes';
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { vaultHeaderSchema } from '@keyhold/shared/crypto/vault-header';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';

const KEY = 32;

/** One re-encrypted row, with the seal it was made from (see `sourceOf`). */
export const stagedRowSchema = z.object({
  row: z.object({ id: z.string(), key: z.string(), overview: z.string(), details: z.string() }),
  source: z.string(),
});
export const stagedBatchSchema = z.object({ rows: z.array(stagedRowSchema), unreadable: z.array(z.string()) });
export type StagedBatch = z.infer<typeof stagedBatchSchema>;

export const rotationJournalSchema = z.object({
  v: z.literal(1),
  /** 're-encrypting': batches being staged; 'committing': all staged, publish + local swap owed; 'pushing': swapped, sync owes the push. */
  phase: z.enum(['re-encrypting', 'committing', 'pushing']),
  accountId: z.string(),
  /** The header that replaces the current one at the commit. */
  header: vaultHeaderSchema,
  /**
   * New vault key ‖ new auth key ‖ previous auth key ‖ recovery key, sealed under the OLD vault key. The
   * recovery key is the one that wraps the new vault key in `header`: a new one when `recovery` is 'new'.
   */
  sealedKeys: z.string(),
  /**
   * 'new': the rotation replaces the recovery key (rotation-recovery.ts); the commit writes it as the
   * recovery record and asks the user to confirm it. Absent in journals from before: kept.
   */
  recovery: z.enum(['keep', 'new']).optional(),
  /** Id of the last row staged (rows go in id order); null before the first batch. */
  cursor: z.string().nullable(),
  batches: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  startedAt: z.number(),
});
export type RotationJournal = z.infer<typeof rotationJournalSchema>;

export type RotationKeys = { vaultKey: Uint8Array; authKey: Uint8Array; previousAuthKey: Uint8Array; recoveryKey: Uint8Array };

const binding = (accountId: string): Binding => ({ purpose: 'settings', accountId, itemId: 'rotation-keys' });

export function sealRotationKeys(keys: RotationKeys, old: { accountId: string; vaultKey: Uint8Array }): string {
  const packed = concatBytes(keys.vaultKey, keys.authKey, keys.previousAuthKey, keys.recoveryKey);
  try {
    return seal(old.vaultKey, packed, binding(old.accountId));
  } finally {
    zeroize(packed);
  }
}

/** The journal's keys; throws DecryptError when `old` is not the key the rotation started from. */
export function openRotationKeys(envelope: string, old: { accountId: string; vaultKey: Uint8Array }): RotationKeys {
  const packed = open(old.vaultKey, envelope, binding(old.accountId));
  try {
    if (packed.length !== 4 * KEY) throw new Error('rotation keys have the wrong length');
    const at = (i: number) => packed.slice(i * KEY, (i + 1) * KEY);
    return { vaultKey: at(0), authKey: at(1), previousAuthKey: at(2), recoveryKey: at(3) };
  } finally {
    zeroize(packed);
  }
}

export function zeroizeRotationKeys(keys: RotationKeys): void {
  zeroize(keys.vaultKey, keys.authKey, keys.previousAuthKey, keys.recoveryKey);
}

/**
 * Which seal a row is: the version, algorithm and random nonce that begin each of its three envelopes
 * (19 base64url characters cover 14 bytes). Every write seals with fresh nonces, so a row edited after
 * it was staged has another source and is re-encrypted again at the commit.
 */
export function sourceOf(row: SealedItem): string {
  return `${row.key.slice(0, 19)}.${row.overview.slice(0, 19)}.${row.details.slice(0, 19)}`;
}

export const batchKey = (n: number): `rotationBatch:${number}` => `rotationBatch:${n}`;
