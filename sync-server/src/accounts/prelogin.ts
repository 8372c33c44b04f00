// prelogin: the KDF parameters a client needs before it can derive the auth key. Unknown emails get
// parameters that look real — the default cost and a salt that is an HMAC of the email under a
// server key, so asking twice gives the same answer — and accounts cannot be enumerated this way.
import { createHmac } from 'node:crypto';
import type { PreloginOutput } from '@keyhold/shared/sync/protocol';
import type { App } from '../app';
import { statement } from '../db/open-database';
import { kdfFromRow, type AccountHeaderRow } from './account-header';

/** The client's default cost (crypto/kdf-params.ts DEFAULT_KDF, RFC 9106 §4 second option). */
const FAKE_KDF_COST = { memoryKiB: 65536, iterations: 3, parallelism: 4 } as const;

export function prelogin(app: App, input: { email: string }): PreloginOutput {
  const row = statement<[string], AccountHeaderRow>(
    app.db,
    'SELECT kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt FROM accounts WHERE email = ?',
  ).get(input.email);
  if (row) return { kdf: kdfFromRow(row) };
  const salt = createHmac('sha256', app.keys.preloginSalt).update(input.email).digest().subarray(0, 16);
  return { kdf: { algorithm: 'argon2id', ...FAKE_KDF_COST, salt: salt.toString('base64url') } };
}
