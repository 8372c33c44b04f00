// Move a vault made before derived salts (ADR 0020) to the salt derived from its sync account's
// identity: the same password and KDF cost, a re-wrap of the open vault key under the new salt, and
// a header one epoch on — what sign-up does to a local vault before uploading it. (A synced device
// moves an account the same way through a password-change re-wrap: change-master-password.ts.)
import { _successorKdfParams, type KdfParams } from './kdf-params.ts';
import { _successorSalt, type SaltIdentity } from './kdf-salt.ts';
import { _rewrapVaultKey } from './rewrap-vault-key.ts';
import { parseVaultHeader, type VaultHeader } from './vault-header.ts';

/** `vaultKey` must be the one `header` wraps (the caller unlocked it with `password`) and stays the caller's. */
export async function moveToDerivedSalt(opts: {
  vaultKey: Uint8Array;
  header: VaultHeader;
  password: string;
  saltFor: SaltIdentity;
  pinned?: KdfParams;
}): Promise<{ header: VaultHeader; authKey: Uint8Array }> {
  const header = parseVaultHeader(opts.header, opts.pinned ? { pinned: opts.pinned } : {});
  const { memoryKiB, iterations, parallelism } = header.kdf;
  const kdf = _successorKdfParams(header.kdf, { memoryKiB, iterations, parallelism }, _successorSalt(header, opts.saltFor));
  return _rewrapVaultKey({ vaultKey: opts.vaultKey, header, newPassword: opts.password, kdf });
}
