// register: creates an account (client-chosen id, KDF parameters, hash of the auth key, wrapped
// vault keys) and the first device session, in one transaction. Open for the very first account of
// a server only; after that an invite token is needed. A taken id or email is a plain conflict.
import type { RegisterInput, SessionGrant } from '@keyhold/shared/sync/protocol';
import type { AuditLog } from '../audit/audit-log';
import { DomainError } from '../domain/errors';
import type { RequestMeta } from '../domain/request-meta';
import type { AuthKeyHasher } from '../security/auth-key-hasher';
import type { Sessions } from '../sessions/sessions';
import { sessionIdFromToken } from '../sessions/sessions';
import type { Storage } from '../storage/port';

export function createRegisterAccount(deps: { storage: Storage; hasher: AuthKeyHasher; audit: AuditLog; sessions: Sessions; now: () => number }) {
  const { storage, hasher, audit, sessions, now } = deps;
  return async (input: RegisterInput, meta: RequestMeta): Promise<SessionGrant> => {
    // Cheap refusal before the slow hash, re-checked in the transaction below.
    if (input.inviteToken === undefined && (await storage.registration.isClosed())) throw registrationClosed();
    const authHash = await hasher.hash(Buffer.from(input.authKey, 'base64url'));
    return storage.transaction(async (tx) => {
      const time = now();
      // Closing first makes "was I the first account?" one atomic step, even between two replicas.
      const wasOpen = await tx.registration.close();
      if (input.inviteToken !== undefined) {
        if (!(await tx.invites.consume({ id: sessionIdFromToken(input.inviteToken), accountId: input.accountId, now: time }))) {
          throw new DomainError('forbidden', 'This invite token is invalid, expired or already used.');
        }
      } else if (!wasOpen) {
        throw registrationClosed();
      }
      if (await tx.accounts.isTaken({ id: input.accountId, email: input.email })) {
        throw new DomainError('conflict', 'An account with this email or account id already exists.');
      }
      await tx.accounts.insert({ id: input.accountId, email: input.email, authHash, kdf: input.kdf, header: input.header, createdAt: time });
      await audit.append(tx.audit, { type: 'account_registered', accountId: input.accountId, ip: meta.ip });
      const session = await sessions.open(tx, { accountId: input.accountId, deviceName: input.deviceName, ip: meta.ip });
      return { token: session.token, accountId: input.accountId, sessionId: session.sessionId };
    });
  };
}

function registrationClosed(): DomainError {
  return new DomainError('forbidden', 'Registration on this server needs an invite token. Ask its operator to run `keyhold-server invite`.');
}
