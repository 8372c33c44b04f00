// login: checks the auth key against the account's Argon2id hash and opens a device session.
// Unknown emails verify against a dummy hash, get the same error and are throttled the same way
// (per email, keyed by a server-secret hash of it, and per client address), so neither the answer
// nor its timing tells whether an account exists.
import type { LoginInput, SessionGrant } from '@keyhold/shared/sync/protocol';
import type { App, RequestMeta } from '../app';
import { statement, writeTransaction } from '../db/open-database';
import { rateLimitKey } from '../limits/client-address';
import { keyedHash } from '../security/keyed-hash';
import { createSession } from '../sessions/sessions';
import { invalidCredentials, tooManyAttempts } from './auth-errors';

export async function login(app: App, input: LoginInput, meta: RequestMeta): Promise<SessionGrant> {
  const subject = keyedHash(app.keys.subject, input.email);
  const accountKey = `login:${subject}`;
  const ipKey = `login-ip:${rateLimitKey(meta.ip)}`;
  const decision = app.throttle.begin([
    { key: accountKey, policy: app.throttlePolicies.account },
    { key: ipKey, policy: app.throttlePolicies.ip },
  ]);
  if (!decision.ok) throw tooManyAttempts(decision.retryAfterMs);

  const account = statement<[string], { id: string; auth_hash: string }>(app.db, 'SELECT id, auth_hash FROM accounts WHERE email = ?').get(
    input.email,
  );
  const authKey = Buffer.from(input.authKey, 'base64url');
  const valid = account ? await app.hasher.verify(account.auth_hash, authKey) : await app.hasher.verifyDummy(authKey);

  if (!account || !valid) {
    writeTransaction(app.db, () => {
      app.audit.append({ type: 'login_failed', accountId: account?.id ?? null, subject, ip: meta.ip });
    });
    throw invalidCredentials();
  }
  app.throttle.succeed({ clear: [accountKey], forgive: [ipKey] });
  return writeTransaction(app.db, () => {
    // The account may have been deleted, or its password changed, while the hash was being checked.
    const still = statement(app.db, 'SELECT 1 FROM accounts WHERE id = ? AND auth_hash = ?').get(account.id, account.auth_hash);
    if (!still) throw invalidCredentials();
    const session = createSession(app, { accountId: account.id, deviceName: input.deviceName, ip: meta.ip });
    app.audit.append({ type: 'login_succeeded', accountId: account.id, sessionId: session.sessionId, ip: meta.ip });
    return { token: session.token, accountId: account.id, sessionId: session.sessionId };
  });
}
