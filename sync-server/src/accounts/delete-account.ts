// delete: with the auth key re-entered, removes the account and everything it owns (items,
// tombstones, sessions) in one transaction. The audit log keeps only the account id and the event.
import type { App, RequestMeta } from '../app';
import { statement, writeTransaction } from '../db/open-database';
import { verifyAccountKey } from './verify-account-key';

export async function deleteAccount(app: App, who: { accountId: string }, input: { authKey: string }, meta: RequestMeta): Promise<{ deleted: true }> {
  await verifyAccountKey(app, { accountId: who.accountId, authKey: input.authKey });
  writeTransaction(app.db, () => {
    // Foreign keys cascade to items and sessions (migrations.ts).
    statement(app.db, 'DELETE FROM accounts WHERE id = ?').run(who.accountId);
    app.audit.append({ type: 'account_deleted', accountId: who.accountId, ip: meta.ip });
  });
  return { deleted: true };
}
