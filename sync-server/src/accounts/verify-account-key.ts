// Re-authentication inside a session (password change, account deletion): the auth key must match,
// throttled per account like a login so a stolen session token cannot be used to guess.
import type { App } from '../app';
import { statement } from '../db/open-database';
import { tooManyAttempts, wrongCurrentKey } from './auth-errors';

/** Resolves with the stored hash that matched (to detect a concurrent change), or throws. */
export async function verifyAccountKey(app: App, options: { accountId: string; authKey: string }): Promise<string> {
  const key = `reauth:${options.accountId}`;
  const decision = app.throttle.begin([{ key, policy: app.throttlePolicies.account }]);
  if (!decision.ok) throw tooManyAttempts(decision.retryAfterMs);
  const row = statement<[string], { auth_hash: string }>(app.db, 'SELECT auth_hash FROM accounts WHERE id = ?').get(options.accountId);
  const authKey = Buffer.from(options.authKey, 'base64url');
  const valid = row ? await app.hasher.verify(row.auth_hash, authKey) : await app.hasher.verifyDummy(authKey);
  if (!row || !valid) throw wrongCurrentKey();
  app.throttle.succeed({ clear: [key], forgive: [] });
  return row.auth_hash;
}
