// changeMasterPassword: the client re-derived everything from the new master password and re-wrapped
// the vault key; the server atomically swaps the auth-key hash, KDF parameters and header, bumps the
// header revision, and revokes every other session (other devices must sign in with the new password).
// resetMasterPassword: the same swap after a reset with the recovery key, when the current password is
// forgotten — so no current auth key; the caller's session (whose token the device keeps sealed under
// the vault key) is the authority, and the header must carry the clients' stamp (ADR 0017).
import type { ChangeMasterPasswordInput, ResetMasterPasswordInput } from '@keyhold/shared/sync/protocol';
import type { AuditLog } from '../audit/audit-log';
import { DomainError } from '../domain/errors';
import type { RequestMeta } from '../domain/request-meta';
import type { AuthKeyHasher } from '../security/auth-key-hasher';
import type { Sessions } from '../sessions/sessions';
import type { Storage } from '../storage/port';
import { keepTreeOf, manifestRoot } from '../vault/manifest-root';
import type { VerifyAccountKey } from './verify-account-key';

type Who = { accountId: string; sessionId: string };
type Replacement = { expectedAuthHash: string; authHash: string; kdf: ChangeMasterPasswordInput['kdf']; header: ChangeMasterPasswordInput['header'] };
type SwapDeps = { storage: Storage; audit: AuditLog; sessions: Sessions };

/**
 * One transaction: the credentials (only if the hash is still the expected one), the manifest tree's
 * check and pruning as vault.putHeader does them, the other sessions, the audit row.
 */
function swapCredentials(deps: SwapDeps, who: Who, change: Replacement, meta: RequestMeta, event: 'changed' | 'reset') {
  const root = manifestRoot(change.header.manifest);
  return deps.storage.transaction(async (tx) => {
    const headerRevision = await tx.accounts.replaceCredentials({ accountId: who.accountId, ...change });
    if (headerRevision === null) throw new DomainError('conflict', 'The master password was changed meanwhile. Sign in again.');
    if (root) await keepTreeOf(tx, who.accountId, root);
    const revokedSessions = await deps.sessions.revokeOthersIn(tx, {
      accountId: who.accountId,
      keepSessionId: who.sessionId,
      reason: 'password_changed',
      ip: meta.ip,
    });
    await deps.audit.append(
      tx.audit,
      event === 'changed'
        ? { type: 'master_password_changed', accountId: who.accountId, ip: meta.ip }
        : { type: 'master_password_reset', accountId: who.accountId, sessionId: who.sessionId, ip: meta.ip },
    );
    return { headerRevision, revokedSessions };
  });
}

export function createChangeMasterPassword(deps: SwapDeps & { hasher: AuthKeyHasher; verifyAccountKey: VerifyAccountKey }) {
  return async (who: Who, input: ChangeMasterPasswordInput, meta: RequestMeta): Promise<{ headerRevision: number; revokedSessions: number }> => {
    const verifiedHash = await deps.verifyAccountKey({ accountId: who.accountId, authKey: input.currentAuthKey });
    const authHash = await deps.hasher.hash(Buffer.from(input.newAuthKey, 'base64url'));
    return swapCredentials(deps, who, { expectedAuthHash: verifiedHash, authHash, kdf: input.kdf, header: input.header }, meta, 'changed');
  };
}

export function createResetMasterPassword(deps: SwapDeps & { hasher: AuthKeyHasher }) {
  return async (who: Who, input: ResetMasterPasswordInput, meta: RequestMeta): Promise<{ headerRevision: number; revokedSessions: number }> => {
    const current = await deps.storage.accounts.authHash(who.accountId);
    if (current === null) throw new DomainError('not_found', 'This account no longer exists.');
    const authHash = await deps.hasher.hash(Buffer.from(input.newAuthKey, 'base64url'));
    return swapCredentials(deps, who, { expectedAuthHash: current, authHash, kdf: input.kdf, header: input.header }, meta, 'reset');
  };
}
