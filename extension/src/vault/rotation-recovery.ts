// A new recovery key made by a vault-key rotation (docs/adr/0021-vault-key-rotation.md, "A new recovery
// key"). Every device keeps the recovery key sealed under the vault key, so a lost device — or anyone
// who saw the key on it, or typed it into a reset — still holds it; a rotation that kept it would wrap
// the new vault key under a key the attacker has. So a rotation after a lost device or a recovery-key
// reset (and, by default, a manual one) draws a new recovery key and wraps the new vault key under it
// instead. The key travels in the rotation journal's sealed keys (rotation-journal.ts) in the slot of
// the kept one, so a killed worker resumes with it, and the commit writes it as the recovery record.
import { generateRecoveryKey } from '@keyhold/shared/crypto/recovery-key';
import { nextStamp } from '@keyhold/shared/crypto/header-stamp';
import { wrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';

/** What a rotation does with the recovery key: keep it (re-wrapped), or replace it with a new one. */
export type RecoveryChoice = 'keep' | 'new';

/**
 * `next` (the rotation's header, stamped over the kept recovery wrapping) with the new vault key
 * wrapped under a NEW recovery key instead, stamped again one epoch after `previous` (the header in
 * use). Returns the new recovery key; the caller zeroes it.
 */
export function withNewRecoveryKey(input: { previous: VaultHeader; next: VaultHeader; vaultKey: Uint8Array }): {
  header: VaultHeader;
  recoveryKey: Uint8Array;
} {
  const recoveryKey = generateRecoveryKey();
  const { previous, next, vaultKey } = input;
  const header: VaultHeader = {
    ...next,
    recoveryWrappedVaultKey: wrapVaultKey({ vaultKey, accountId: next.accountId, by: { kind: 'recovery', recoveryKey } }),
  };
  header.stamp = nextStamp({ vaultKey, previous: previous.stamp, fields: header });
  return { header, recoveryKey };
}
