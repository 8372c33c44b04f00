// login: checks the auth key against the account's Argon2id hash and opens a device session.
// Unknown emails verify against a dummy hash, get the same error and are throttled the same way, so
// neither the answer nor its timing tells whether an account exists.
// Backoff is per account AND source (the email's keyed hash with the client address or /64), plus
// per source across accounts — never per account alone: a lock keyed by the email only would let
// anyone who knows an email keep its owner out, correct key and all (issue #11, docs/adr/*-server-hardening.md). An
// attacker's failures lock the attacker's address, not the owner's; signed-in devices never pass here.
import type { LoginInput, SessionGrant } from '@keyhold/shared/sync/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { RequestMeta } from '../domain/request-meta';
import { rateLimitKey } from '../limits/client-address';
import type { LoginThrottle, ThrottlePolicy } from '../limits/login-throttle';
import type { AuthKeyHasher } from '../security/auth-key-hasher';
import { keyedHash } from '../security/keyed-hash';
import type { Sessions } from '../sessions/sessions';
import type { Storage } from '../storage/port';
import { invalidCredentials, tooManyAttempts } from './auth-errors';

export function createLogin(deps: {
  storage: Storage;
  hasher: AuthKeyHasher;
  throttle: LoginThrottle;
  policies: { account: ThrottlePolicy; ip: ThrottlePolicy };
  subjectKey: Buffer;
  audit: AuditLog;
  sessions: Sessions;
}) {
  const { storage, hasher, throttle, policies, audit, sessions } = deps;
  return async (input: LoginInput, meta: RequestMeta): Promise<SessionGrant> => {
    const subject = keyedHash(deps.subjectKey, input.email);
    const source = rateLimitKey(meta.ip);
    const accountKey = `login:${subject}:${source}`;
    const ipKey = `login-ip:${source}`;
    const decision = await throttle.begin([
      { key: accountKey, policy: policies.account },
      { key: ipKey, policy: policies.ip },
    ]);
    if (!decision.ok) throw tooManyAttempts(decision.retryAfterMs);

    const account = await storage.accounts.credentialsByEmail(input.email);
    const authKey = Buffer.from(input.authKey, 'base64url');
    const valid = account ? await hasher.verify(account.authHash, authKey) : await hasher.verifyDummy(authKey);

    if (!account || !valid) {
      await storage.transaction((tx) => audit.append(tx.audit, { type: 'login_failed', accountId: account?.id ?? null, subject, ip: meta.ip }));
      throw invalidCredentials();
    }
    await throttle.succeed({ clear: [accountKey], forgive: [ipKey] });
    return storage.transaction(async (tx) => {
      // The account may have been deleted, or its password changed, while the hash was being checked.
      if ((await tx.accounts.authHash(account.id)) !== account.authHash) throw invalidCredentials();
      const session = await sessions.open(tx, { accountId: account.id, deviceName: input.deviceName, ip: meta.ip });
      await audit.append(tx.audit, { type: 'login_succeeded', accountId: account.id, sessionId: session.sessionId, ip: meta.ip });
      return { token: session.token, accountId: account.id, sessionId: session.sessionId };
    });
  };
}
