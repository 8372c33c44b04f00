// changeMasterPassword: the client re-derived everything from the new master password and re-wrapped
// the vault key; the server atomically swaps the auth-key hash, KDF parameters and header, bumps the
// header revision, and revokes every other session (other devices must sign in with the new password).
import type { ChangeMasterPasswordInput } from '@keyhold/shared/sync/protocol';
import type { AuditLog } from '../audit/audit-log';
import { DomainError } from '../domain/errors';
import type { RequestMeta } from '../domain/request-meta';
import type { AuthKeyHasher } from '../security/auth-key-hasher';
import type { Sessions } from '../sessions/sessions';
import type { Storage } from '../storage/port';
import type { VerifyAccountKey } from './verify-account-key';

export function createChangeMasterPassword(deps: {
  storage: Storage;
  hasher: AuthKeyHasher;
  verifyAccountKey: VerifyAccountKey;
  audit: AuditLog;
  sessions: Sessions;
}) {
  const { storage, hasher, audit, sessions } = deps;
  return async (
    who: { accountId: string; sessionId: string },
    input: ChangeMasterPasswordInput,
    meta: RequestMeta,
  ): Promise<{ headerRevision: number; revokedSessions: number }> => {
    const verifiedHash = await deps.verifyAccountKey({ accountId: who.accountId, authKey: input.currentAuthKey });
    const authHash = await hasher.hash(Buffer.from(input.newAuthKey, 'base64url'));
    return storage.transaction(async (tx) => {
      const headerRevision = await tx.accounts.replaceCredentials({
        accountId: who.accountId,
        expectedAuthHash: verifiedHash,
        authHash,
        kdf: input.kdf,
        header: input.header,
      });
      if (headerRevision === null) throw new DomainError('conflict', 'The master password was changed meanwhile. Sign in again.');
      const revokedSessions = await sessions.revokeOthersIn(tx, {
        accountId: who.accountId,
        keepSessionId: who.sessionId,
        reason: 'password_changed',
        ip: meta.ip,
      });
      await audit.append(tx.audit, { type: 'master_password_changed', accountId: who.accountId, ip: meta.ip });
      return { headerRevision, revokedSessions };
    });
  };
}
