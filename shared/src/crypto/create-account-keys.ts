// A new vault's key hierarchy: random vault key, KDF params with a fresh salt, the vault key wrapped by
// the password's KEK and by a new recovery key, and the auth key for the sync server.
// The caller shows `recoveryKey` once (encodeRecoveryKey) and keeps `vaultKey` only while unlocked.
// `saltFor` (a vault created for a sync account): the salt is derived from the account's server origin
// and email at generation 1, the new header's epoch (kdf-salt.ts, ADR 0020); `kdf` then gives the cost.
import { randomBytes, zeroize } from './bytes.ts';
import { _assertNewPassword, derivePasswordKeys } from './derive-password-keys.ts';
import { assertKdfParamsAcceptable, newKdfParams, type KdfParams } from './kdf-params.ts';
import { deriveKdfSalt, type SaltIdentity } from './kdf-salt.ts';
import { generateRecoveryKey } from './recovery-key.ts';
import { stampHeader } from './header-stamp.ts';
import { VAULT_FORMAT_VERSION, vaultHeaderSchema, type VaultHeader } from './vault-header.ts';
import { VAULT_KEY_BYTES, wrapVaultKey } from './wrap-vault-key.ts';

export async function createAccountKeys(opts: { password: string; accountId?: string; kdf?: KdfParams; saltFor?: SaltIdentity }): Promise<{
  header: VaultHeader;
  vaultKey: Uint8Array;
  authKey: Uint8Array;
  recoveryKey: Uint8Array;
}> {
  _assertNewPassword(opts.password);
  const accountId = opts.accountId ?? globalThis.crypto.randomUUID();
  if (!vaultHeaderSchema.shape.accountId.safeParse(accountId).success)
    throw new TypeError('accountId must be a non-empty string of at most 200 characters');
  const salt = opts.saltFor ? { salt: deriveKdfSalt({ identity: opts.saltFor, generation: 1 }) } : {};
  const kdf = opts.kdf ? { ...opts.kdf, ...salt } : newKdfParams({}, salt);
  assertKdfParamsAcceptable(kdf);
  const { kek, authKey } = await derivePasswordKeys(opts.password, kdf);
  const vaultKey = randomBytes(VAULT_KEY_BYTES);
  const recoveryKey = generateRecoveryKey();
  try {
    const fields = {
      accountId,
      kdf: { algorithm: kdf.algorithm, memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism, salt: kdf.salt },
      wrappedVaultKey: wrapVaultKey({ vaultKey, accountId, by: { kind: 'kek', kek } }),
      recoveryWrappedVaultKey: wrapVaultKey({ vaultKey, accountId, by: { kind: 'recovery', recoveryKey } }),
    };
    const header: VaultHeader = { formatVersion: VAULT_FORMAT_VERSION, ...fields, stamp: stampHeader({ vaultKey, epoch: 1, fields }) };
    return { header, vaultKey, authKey, recoveryKey };
  } finally {
    zeroize(kek);
  }
}
