// sync.pull: the account's items changed since a revision, in revision order, a page at a time.
// A page stops at `limit` items or ~8 MiB of envelopes (items are up to 1 MiB each), whichever
// comes first. If tombstones the client has not seen were purged, it is told to resync from 0.
import type { PullInput, PullOutput } from '@keyhold/shared/sync/protocol';
import { PULL_DEFAULT_LIMIT } from '@keyhold/shared/sync/protocol-primitives';
import type { App } from '../app';
import { statement } from '../db/open-database';
import { ITEM_COLUMNS, itemSize, serverItemFromRow, type ItemRow } from './item-row';

export const PULL_PAGE_MAX_CHARS = 8 * 1024 * 1024;

export function pullItems(app: App, who: { accountId: string }, input: PullInput): PullOutput {
  const limit = input.limit ?? PULL_DEFAULT_LIMIT;
  // No transaction: both reads run in one synchronous call and only this process writes items and
  // revisions, so nothing can commit between them; BEGIN/COMMIT would double the cost of an empty pull.
  const account = statement<[string], { revision: number; purged_through: number }>(
    app.db,
    'SELECT revision, purged_through FROM accounts WHERE id = ?',
  ).get(who.accountId);
  if (!account) return { resetRequired: false, items: [], revision: 0, hasMore: false };
  // A tombstone with a revision above `since` is gone: the client cannot learn that deletion.
  if (input.since > 0 && input.since < account.purged_through) {
    return { resetRequired: true, revision: account.revision };
  }
  const rows = statement<[string, number, number], ItemRow>(
    app.db,
    `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
  ).all(who.accountId, input.since, limit + 1);
  const items = [];
  let chars = 0;
  let hasMore = rows.length > limit;
  for (const row of rows.slice(0, limit)) {
    chars += itemSize(row);
    if (items.length > 0 && chars > PULL_PAGE_MAX_CHARS) {
      hasMore = true;
      break;
    }
    items.push(serverItemFromRow(row));
  }
  return { resetRequired: false, items, revision: account.revision, hasMore };
}
