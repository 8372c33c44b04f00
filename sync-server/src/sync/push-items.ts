// sync.push: applies each item only if its baseRevision equals the stored revision (0 = must not
// exist), all in ONE transaction, and gives accepted items consecutive revisions from the account's
// counter. Items whose base is stale come back as conflicts with the server's current version.
import type { PushInput, PushItem, PushOutput } from '@keyhold/shared/sync/protocol';
import type { App } from '../app';
import { statement, writeTransaction } from '../db/open-database';
import { ITEM_COLUMNS, serverItemFromRow, type ItemRow } from './item-row';

export function pushItems(app: App, who: { accountId: string }, input: PushInput): PushOutput {
  return writeTransaction(app.db, (): PushOutput => {
    const account = statement<[string], { revision: number }>(app.db, 'SELECT revision FROM accounts WHERE id = ?').get(who.accountId);
    if (!account) return { accepted: [], conflicts: [], revision: 0 };
    const now = app.now();
    let revision = account.revision;
    const accepted: PushOutput['accepted'] = [];
    const conflicts: PushOutput['conflicts'] = [];
    for (const item of input.items) {
      const stored = statement<[string, string], { revision: number }>(app.db, 'SELECT revision FROM items WHERE account_id = ? AND id = ?').get(
        who.accountId,
        item.id,
      );
      if ((stored?.revision ?? 0) !== item.baseRevision) {
        conflicts.push({ id: item.id, current: stored ? currentItem(app, who.accountId, item.id) : null });
        continue;
      }
      revision += 1;
      writeItem(app, { accountId: who.accountId, item, revision, now });
      accepted.push({ id: item.id, revision });
    }
    if (revision !== account.revision) {
      statement(app.db, 'UPDATE accounts SET revision = ? WHERE id = ?').run(revision, who.accountId);
    }
    return { accepted, conflicts, revision };
  });
}

function currentItem(app: App, accountId: string, id: string) {
  const row = statement<[string, string], ItemRow>(app.db, `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = ? AND id = ?`).get(accountId, id);
  return row ? serverItemFromRow(row) : null;
}

function writeItem(app: App, options: { accountId: string; item: PushItem; revision: number; now: number }): void {
  const { item } = options;
  // A tombstone drops the envelopes and keeps id + revision (purged after the retention period).
  const envelopes = item.deleted ? { key: null, overview: null, details: null } : item.envelopes;
  statement(
    app.db,
    `INSERT INTO items (account_id, id, revision, deleted, key_envelope, overview_envelope, details_envelope, updated_at)
     VALUES (@account_id, @id, @revision, @deleted, @key, @overview, @details, @updated_at)
     ON CONFLICT (account_id, id) DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted,
       key_envelope = excluded.key_envelope, overview_envelope = excluded.overview_envelope,
       details_envelope = excluded.details_envelope, updated_at = excluded.updated_at`,
  ).run({
    account_id: options.accountId,
    id: item.id,
    revision: options.revision,
    deleted: item.deleted ? 1 : 0,
    key: envelopes.key,
    overview: envelopes.overview,
    details: envelopes.details,
    updated_at: options.now,
  });
}
