// register: creates an account (client-chosen id, KDF parameters, hash of the auth key, wrapped
// vault keys) and the first device session, in one transaction.
// Who may register: the holder of an invite, or — only while the server has never had an account —
// anyone if the operator started it with --open-registration (otherwise the first account needs the
// invite `keyhold-server start` prints on first run). Every step that can refuse runs before the
// slow Argon2id hash: the per-address throttle, then the invite (or the open door).
// A taken email or id uses the invite up and gets the same answer as a used invite, so one invite
// answers "is this email registered?" once at most, instead of without limit (issue #11).
import type { RegisterInput, SessionGrant } from '@keyhold/shared/sync/protocol';
import type { AuditLog } from '../audit/audit-log';
import { DomainError, retryAfterSeconds } from '../domain/errors';
import type { RequestMeta } from '../domain/request-meta';
import { rateLimitKey } from '../limits/client-address';
import type { LoginThrottle, ThrottlePolicy } from '../limits/login-throttle';
import type { AuthKeyHasher } from '../security/auth-key-hasher';
import type { Sessions } from '../sessions/sessions';
import { sessionIdFromToken } from '../sessions/sessions';
import type { Storage } from '../storage/port';
import { assertEmptyTree, manifestRoot } from '../vault/manifest-root';

export function createRegisterAccount(deps: {
  storage: Storage;
  hasher: AuthKeyHasher;
  audit: AuditLog;
  sessions: Sessions;
  throttle: LoginThrottle;
  /** Registrations per client address (or IPv6 /64) before backoff. */
  policy: ThrottlePolicy;
  /** The first account may register without an invite (`--open-registration`). */
  openRegistration: boolean;
  now: () => number;
}) {
  const { storage, hasher, audit, sessions, throttle, now } = deps;
  return async (input: RegisterInput, meta: RequestMeta): Promise<SessionGrant> => {
    assertEmptyTree(manifestRoot(input.header.manifest));
    const throttleKey = `register-ip:${rateLimitKey(meta.ip)}`;
    const decision = await throttle.begin([{ key: throttleKey, policy: deps.policy }]);
    if (!decision.ok) throw tooManyRegistrations(decision.retryAfterMs);
    const inviteId = input.inviteToken === undefined ? undefined : sessionIdFromToken(input.inviteToken);
    // Cheap refusals before the slow hash; the transaction below checks again atomically.
    if (inviteId !== undefined) {
      if (!(await storage.invites.isUsable({ id: inviteId, now: now() }))) throw inviteRefused();
    } else if (!deps.openRegistration) {
      throw registrationClosed();
    } else if (await storage.registration.isClosed()) {
      throw registrationClosed();
    }
    const authHash = await hasher.hash(Buffer.from(input.authKey, 'base64url'));
    const outcome = await storage.transaction(async (tx): Promise<{ taken: true } | { taken: false; grant: SessionGrant }> => {
      const time = now();
      // Closing first makes "was I the first account?" one atomic step, even between two replicas.
      const wasOpen = await tx.registration.close();
      if (inviteId !== undefined) {
        if (!(await tx.invites.consume({ id: inviteId, accountId: input.accountId, now: time }))) throw inviteRefused();
      } else if (!wasOpen) {
        throw registrationClosed();
      }
      // Committed as is: the invite stays used.
      if (await tx.accounts.isTaken({ id: input.accountId, email: input.email })) return { taken: true };
      await tx.accounts.insert({ id: input.accountId, email: input.email, authHash, kdf: input.kdf, header: input.header, createdAt: time });
      await audit.append(tx.audit, { type: 'account_registered', accountId: input.accountId, ip: meta.ip });
      const session = await sessions.open(tx, { accountId: input.accountId, deviceName: input.deviceName, ip: meta.ip });
      return { taken: false, grant: { token: session.token, accountId: input.accountId, sessionId: session.sessionId } };
    });
    if (outcome.taken) throw inviteRefused();
    await throttle.succeed({ clear: [], forgive: [throttleKey] });
    return outcome.grant;
  };
}

function inviteRefused(): DomainError {
  return new DomainError(
    'forbidden',
    'This invite cannot be used: it is invalid, expired or used up (an attempt with an email that cannot be registered uses it up too). Ask the server operator for a new one.',
  );
}

function registrationClosed(): DomainError {
  return new DomainError(
    'forbidden',
    'Registration on this server needs an invite token: the one `keyhold-server start` printed on first run, or one from `keyhold-server invite`.',
  );
}

function tooManyRegistrations(retryAfterMs: number): DomainError {
  const seconds = retryAfterSeconds(retryAfterMs);
  return new DomainError('rate_limited', `Too many registrations from this address. Try again in ${seconds} seconds.`, { retryAfterMs });
}
