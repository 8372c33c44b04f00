// changeMasterPassword: the client re-derived everything from the new master password and re-wrapped
// the vault key; the server atomically swaps the auth-key hash, KDF parameters and header, bumps the
// header revision, and revokes every other session (other devices must sign in with the new password).
import { TRPCError } from '@trpc/server';
import type { ChangeMasterPasswordInput } from '@keyhold/shared/sync/protocol';
import type { App, RequestMeta } from '../app';
import { statement, writeTransaction } from '../db/open-database';
import { revokeOtherSessions } from '../sessions/sessions';
import { headerParams } from './account-header';
import { verifyAccountKey } from './verify-account-key';

export async function changeMasterPassword(
  app: App,
  who: { accountId: string; sessionId: string },
  input: ChangeMasterPasswordInput,
  meta: RequestMeta,
): Promise<{ headerRevision: number; revokedSessions: number }> {
  const verifiedHash = await verifyAccountKey(app, { accountId: who.accountId, authKey: input.currentAuthKey });
  const newHash = await app.hasher.hash(Buffer.from(input.newAuthKey, 'base64url'));
  return writeTransaction(app.db, () => {
    const updated = statement<[Record<string, unknown>], { header_revision: number }>(
      app.db,
      `UPDATE accounts SET auth_hash = @new_hash, kdf_memory_kib = @kdf_memory_kib, kdf_iterations = @kdf_iterations,
         kdf_parallelism = @kdf_parallelism, kdf_salt = @kdf_salt, wrapped_vault_key = @wrapped_vault_key,
         recovery_wrapped_vault_key = @recovery_wrapped_vault_key, manifest = @manifest,
         header_revision = header_revision + 1
       WHERE id = @id AND auth_hash = @verified_hash
       RETURNING header_revision`,
    ).get({ ...headerParams(input.kdf, input.header), new_hash: newHash, id: who.accountId, verified_hash: verifiedHash });
    if (!updated) {
      throw new TRPCError({ code: 'CONFLICT', message: 'The master password was changed meanwhile. Sign in again.' });
    }
    const revokedSessions = revokeOtherSessions(app, {
      accountId: who.accountId,
      keepSessionId: who.sessionId,
      reason: 'password_changed',
      ip: meta.ip,
    });
    app.audit.append({ type: 'master_password_changed', accountId: who.accountId, ip: meta.ip });
    return { headerRevision: updated.header_revision, revokedSessions };
  });
}
