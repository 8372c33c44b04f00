// delete: with the auth key re-entered, removes the account and everything it owns (items,
// tombstones, sessions) in one transaction. The audit log keeps only the account id and the event.
import type { AuditLog } from '../audit/audit-log';
import type { RequestMeta } from '../domain/request-meta';
import type { Storage } from '../storage/port';
import type { VerifyAccountKey } from './verify-account-key';

export function createDeleteAccount(deps: { storage: Storage; verifyAccountKey: VerifyAccountKey; audit: AuditLog }) {
  return async (who: { accountId: string }, input: { authKey: string }, meta: RequestMeta): Promise<{ deleted: true }> => {
    await deps.verifyAccountKey({ accountId: who.accountId, authKey: input.authKey });
    await deps.storage.transaction(async (tx) => {
      await tx.accounts.delete(who.accountId);
      await deps.audit.append(tx.audit, { type: 'account_deleted', accountId: who.accountId, ip: meta.ip });
    });
    return { deleted: true };
  };
}
