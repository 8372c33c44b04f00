// Change the master password with the current one: unlock, then re-wrap the same vault key under a KEK
// from the new password and new KDF parameters (fresh salt). Items are untouched; the recovery wrapping
// stays valid. The new auth key must replace the old one on the sync server (which then revokes sessions).
// KDF costs default to the stronger of the current ones and the defaults; explicit `kdf` may lower them
// down to the floors (the user's choice, e.g. for a slow device) — the caller then re-pins.
// A synced vault passes `saltFor` (its server origin and email): the new salt is then derived from it
// at the new header's epoch instead of drawn at random (kdf-salt.ts, ADR 0020), which is also how an
// account made before derived salts moves to one (a re-wrap under the same password).
import { zeroize } from './bytes.ts';
import { _assertNewPassword } from './derive-password-keys.ts';
import { _successorKdfParams, type KdfCost, type KdfParams } from './kdf-params.ts';
import { _successorSalt, type SaltIdentity } from './kdf-salt.ts';
import { _rewrapVaultKey } from './rewrap-vault-key.ts';
import { unlockVault } from './unlock-vault.ts';
import { parseVaultHeader, type VaultHeader } from './vault-header.ts';

export async function changeMasterPassword(opts: {
  currentPassword: string;
  newPassword: string;
  header: VaultHeader;
  pinned?: KdfParams;
  kdf?: Partial<KdfCost>;
  saltFor?: SaltIdentity;
}): Promise<{ header: VaultHeader; authKey: Uint8Array }> {
  _assertNewPassword(opts.newPassword);
  const header = parseVaultHeader(opts.header, { pinned: opts.pinned });
  const kdf = _successorKdfParams(header.kdf, opts.kdf, _successorSalt(header, opts.saltFor));
  const unlocked = await unlockVault({ password: opts.currentPassword, header, pinned: opts.pinned });
  zeroize(unlocked.authKey);
  try {
    return await _rewrapVaultKey({ vaultKey: unlocked.vaultKey, header, newPassword: opts.newPassword, kdf });
  } finally {
    zeroize(unlocked.vaultKey);
  }
}
