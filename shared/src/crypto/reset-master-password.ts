// Reset a forgotten master password with the recovery key: unwrap the vault key from the recovery
// wrapping, then wrap it under a KEK from the new password and new KDF parameters (fresh salt).
// The vault key, items and recovery wrapping are unchanged, so the same recovery key keeps working.
// Returns the vault key too, so the app is unlocked without a second slow derivation.
// `saltFor`: as for a change (change-master-password.ts), the new salt derived from the account's identity.
import { zeroize } from './bytes.ts';
import { _assertNewPassword } from './derive-password-keys.ts';
import { DecryptError, RecoveryKeyError } from './errors.ts';
import { _successorKdfParams, type KdfCost } from './kdf-params.ts';
import { _successorSalt, type SaltIdentity } from './kdf-salt.ts';
import { decodeRecoveryKey } from './recovery-key.ts';
import { _rewrapVaultKey } from './rewrap-vault-key.ts';
import { parseVaultHeader, type VaultHeader } from './vault-header.ts';
import { unwrapVaultKey } from './wrap-vault-key.ts';

/** Unwraps the vault key with a recovery key (text or bytes); RecoveryKeyError('wrong-key') if it is not this vault's. */
export function _unwrapWithRecoveryKey(header: VaultHeader, recoveryKey: string | Uint8Array): Uint8Array {
  const key = typeof recoveryKey === 'string' ? decodeRecoveryKey(recoveryKey) : recoveryKey;
  try {
    return unwrapVaultKey({ wrapped: header.recoveryWrappedVaultKey, accountId: header.accountId, by: { kind: 'recovery', recoveryKey: key } });
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    throw new RecoveryKeyError('wrong-key', 'This recovery key does not belong to this vault. Check that it is the one saved for this account.');
  } finally {
    if (key !== recoveryKey) zeroize(key);
  }
}

export async function resetMasterPassword(opts: {
  recoveryKey: string | Uint8Array;
  newPassword: string;
  header: VaultHeader;
  kdf?: Partial<KdfCost>;
  saltFor?: SaltIdentity;
}): Promise<{ header: VaultHeader; authKey: Uint8Array; vaultKey: Uint8Array }> {
  _assertNewPassword(opts.newPassword);
  // The old KDF parameters are not used (the old password is unknown), but a malformed header is refused.
  const header = parseVaultHeader(opts.header);
  const vaultKey = _unwrapWithRecoveryKey(header, opts.recoveryKey);
  try {
    const kdf = _successorKdfParams(header.kdf, opts.kdf, _successorSalt(header, opts.saltFor));
    const rewrapped = await _rewrapVaultKey({ vaultKey, header, newPassword: opts.newPassword, kdf });
    return { ...rewrapped, vaultKey };
  } catch (error) {
    zeroize(vaultKey);
    throw error;
  }
}
