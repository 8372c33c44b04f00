// prelogin: the KDF parameters a client needs before it can derive the auth key. Unknown emails get
// parameters that look real — the default cost and a salt that is an HMAC of the email under a
// server key, so asking twice gives the same answer — and accounts cannot be enumerated this way.
import { DEFAULT_KDF, KDF_SALT_BYTES } from '@keyhold/shared/crypto/kdf-params';
import type { PreloginOutput } from '@keyhold/shared/sync/protocol';
import type { App } from '../app';
import { statement } from '../db/open-database';
import { hmacSha256 } from '../security/hmac';
import { kdfFromRow, type AccountHeaderRow } from './account-header';

export function prelogin(app: App, input: { email: string }): PreloginOutput {
  const row = statement<[string], AccountHeaderRow>(
    app.db,
    'SELECT kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt FROM accounts WHERE email = ?',
  ).get(input.email);
  if (row) return { kdf: kdfFromRow(row) };
  const salt = hmacSha256(app.keys.preloginSalt, input.email).subarray(0, KDF_SALT_BYTES);
  // The client's default parameters (RFC 9106 §4 second option), so a fake answer looks like a new account's.
  return { kdf: { ...DEFAULT_KDF, salt: salt.toString('base64url') } };
}
