// SQLite: items, the per-account revision counter, and tombstone purges.
import type { ItemStore } from '../port';
import { ITEM_COLUMNS, itemFromRow, type ItemRow } from '../rows';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteItems(db: Db): SyncStore<ItemStore> {
  const revisionOf = (accountId: string) =>
    statement<[string], { revision: number; purged_through: number }>(db, 'SELECT revision, purged_through FROM accounts WHERE id = ?').get(
      accountId,
    );
  return {
    changesSince({ accountId, since, limit, maxChars = Number.MAX_SAFE_INTEGER }) {
      // Two statements without BEGIN: they run in one synchronous call on the one connection that
      // writes items, so nothing commits between them; a transaction would double an empty pull's cost.
      const account = revisionOf(accountId);
      if (!account) return null;
      // Row by row, so no more than the page is ever read into memory.
      const rows = statement<[string, number, number], ItemRow>(
        db,
        `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
      ).iterate(accountId, since, limit);
      const items = [];
      let chars = 0;
      for (const row of rows) {
        items.push(itemFromRow(row));
        chars += (row.key_envelope?.length ?? 0) + (row.overview_envelope?.length ?? 0) + (row.details_envelope?.length ?? 0);
        if (chars >= maxChars) {
          rows.return?.();
          break;
        }
      }
      return { revision: account.revision, purgedThrough: account.purged_through, items };
    },
    // The transaction's BEGIN IMMEDIATE already holds the database's write lock.
    lockRevision: (accountId) => revisionOf(accountId)?.revision ?? null,
    setRevision(accountId, revision) {
      statement(db, 'UPDATE accounts SET revision = ? WHERE id = ?').run(revision, accountId);
    },
    revisions(accountId, ids) {
      // One statement for the whole batch (ids are the protocol's UUIDs, so the JSON array is plain).
      const rows = statement<[string, string], { id: string; revision: number }>(
        db,
        'SELECT id, revision FROM items WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))',
      ).all(accountId, JSON.stringify(ids));
      return new Map(rows.map((row) => [row.id, row.revision]));
    },
    get(accountId, ids) {
      const select = statement<[string, string], ItemRow>(db, `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = ? AND id = ?`);
      return ids.flatMap((id) => {
        const row = select.get(accountId, id);
        return row ? [itemFromRow(row)] : [];
      });
    },
    put(accountId, items) {
      // Positional parameters: binding an object by name costs a property lookup per column, per row.
      const upsert = statement<[string, string, number, number, string | null, string | null, string | null, number]>(
        db,
        `INSERT INTO items (account_id, id, revision, deleted, key_envelope, overview_envelope, details_envelope, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, id) DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted,
           key_envelope = excluded.key_envelope, overview_envelope = excluded.overview_envelope,
           details_envelope = excluded.details_envelope, updated_at = excluded.updated_at`,
      );
      for (const item of items) {
        const envelopes = item.envelopes;
        upsert.run(
          accountId,
          item.id,
          item.revision,
          item.deleted ? 1 : 0,
          envelopes?.key ?? null,
          envelopes?.overview ?? null,
          envelopes?.details ?? null,
          item.updatedAt,
        );
      }
    },
    purgeTombstones({ cutoff }) {
      statement(
        db,
        `UPDATE accounts SET purged_through = max(purged_through, (
           SELECT max(revision) FROM items WHERE items.account_id = accounts.id AND deleted = 1 AND updated_at < @cutoff))
         WHERE id IN (SELECT account_id FROM items WHERE deleted = 1 AND updated_at < @cutoff)`,
      ).run({ cutoff });
      return statement(db, 'DELETE FROM items WHERE deleted = 1 AND updated_at < ?').run(cutoff).changes;
    },
  };
}
