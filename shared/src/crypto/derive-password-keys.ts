// Master password → { KEK, auth key }: deriveMasterKey() then deriveSubkeys(), with the master key
// zeroed in between. The one path every password-taking operation goes through.
import { zeroize } from './bytes.ts';
import { deriveMasterKey } from './derive-master-key.ts';
import { deriveSubkeys } from './derive-subkeys.ts';
import type { KdfParams } from './kdf-params.ts';

export async function derivePasswordKeys(password: string, kdf: KdfParams): Promise<{ kek: Uint8Array; authKey: Uint8Array }> {
  const masterKey = await deriveMasterKey(password, kdf);
  try {
    return deriveSubkeys(masterKey);
  } finally {
    zeroize(masterKey);
  }
}

/** A master password being set (create, change, reset). Strength is the UI's job (zxcvbn); empty is never fine. */
export function _assertNewPassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) throw new TypeError('the new master password must be a non-empty string');
}
