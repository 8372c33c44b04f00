// Unlock: master password + header → vault key and auth key.
// Order matters: the header (attacker-controlled when it comes from a server) is parsed and its KDF
// parameters are checked against the floors and against `pinned` — the parameters this device last used
// for the account — BEFORE any derivation, so weakened parameters never see the password.
import { derivePasswordKeys } from './derive-password-keys.ts';
import { DecryptError, WrongPasswordError } from './errors.ts';
import { zeroize } from './bytes.ts';
import type { KdfParams } from './kdf-params.ts';
import { parseVaultHeader, type VaultHeader } from './vault-header.ts';
import { unwrapVaultKey } from './wrap-vault-key.ts';

/** Throws KdfParamsError / VaultHeaderError for a bad header, WrongPasswordError for a wrong password. */
export async function unlockVault(opts: { password: string; header: VaultHeader; pinned?: KdfParams }): Promise<{
  vaultKey: Uint8Array;
  authKey: Uint8Array;
}> {
  const header = parseVaultHeader(opts.header, { pinned: opts.pinned });
  // No vault has an empty password (creation refuses one), and Argon2 implementations reject it.
  if (opts.password === '') throw new WrongPasswordError();
  const { kek, authKey } = await derivePasswordKeys(opts.password, header.kdf);
  try {
    const vaultKey = unwrapVaultKey({ wrapped: header.wrappedVaultKey, accountId: header.accountId, by: { kind: 'kek', kek } });
    return { vaultKey, authKey };
  } catch (error) {
    zeroize(authKey);
    if (error instanceof DecryptError) throw new WrongPasswordError();
    throw error;
  } finally {
    zeroize(kek);
  }
}
