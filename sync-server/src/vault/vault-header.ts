// vault.getHeader / vault.putHeader: the account's vault header (KDF parameters, wrapped vault keys,
// the client's manifest) with its own revision and the same compare-and-swap rule as items: a write
// based on an older revision is refused with the current header. KDF parameters only change with
// the master password (changeMasterPassword), never here.
import { TRPCError } from '@trpc/server';
import type { HeaderState, PutHeaderInput, PutHeaderOutput } from '@keyhold/shared/sync/protocol';
import { ACCOUNT_HEADER_COLUMNS, headerParams, headerStateFromRow, type AccountHeaderRow } from '../accounts/account-header';
import type { App } from '../app';
import { statement, writeTransaction } from '../db/open-database';

export function getHeader(app: App, who: { accountId: string }): HeaderState {
  const row = statement<[string], AccountHeaderRow>(app.db, `SELECT ${ACCOUNT_HEADER_COLUMNS} FROM accounts WHERE id = ?`).get(who.accountId);
  // The session middleware found the account a moment ago; only a concurrent deletion gets here.
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'This account no longer exists.' });
  return headerStateFromRow(row);
}

export function putHeader(app: App, who: { accountId: string }, input: PutHeaderInput): PutHeaderOutput {
  return writeTransaction(app.db, (): PutHeaderOutput => {
    const current = getHeader(app, who);
    if (current.revision !== input.baseRevision) return { status: 'conflict', current };
    const { wrapped_vault_key, recovery_wrapped_vault_key, manifest } = headerParams(current.kdf, input.header);
    statement(
      app.db,
      `UPDATE accounts SET wrapped_vault_key = ?, recovery_wrapped_vault_key = ?, manifest = ?,
         header_revision = header_revision + 1 WHERE id = ?`,
    ).run(wrapped_vault_key, recovery_wrapped_vault_key, manifest, who.accountId);
    return { status: 'accepted', revision: current.revision + 1 };
  });
}
