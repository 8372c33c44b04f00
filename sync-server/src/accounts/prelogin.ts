// prelogin: the KDF parameters a client needs before it can derive the auth key. Unknown emails get
// parameters that look real — the default cost and a salt that is an HMAC of the email under a
// server key, so asking twice gives the same answer — and accounts cannot be enumerated this way.
import { DEFAULT_KDF, KDF_SALT_BYTES } from '@keyhold/shared/crypto/kdf-params';
import type { PreloginOutput } from '@keyhold/shared/sync/protocol';
import { hmacSha256 } from '../security/hmac';
import type { AccountStore } from '../storage/port';

export function createPrelogin(deps: { accounts: AccountStore; preloginSaltKey: Buffer }) {
  return async (input: { email: string }): Promise<PreloginOutput> => {
    const kdf = await deps.accounts.kdfByEmail(input.email);
    if (kdf) return { kdf };
    const salt = hmacSha256(deps.preloginSaltKey, input.email).subarray(0, KDF_SALT_BYTES);
    // The client's default parameters (RFC 9106 §4 second option), so a fake answer looks like a new account's.
    return { kdf: { ...DEFAULT_KDF, salt: salt.toString('base64url') } };
  };
}
