// PostgreSQL: items, the per-account revision counter, and tombstone purges.
import type { ItemStore } from '../port';
import { ITEM_COLUMNS, itemFromRow, type ItemRow } from '../rows';
import { prepared, type Queryable } from './queryable';

// octet_length reads a stored value's size without decompressing it; envelopes are ASCII (base64url).
const ENVELOPE_CHARS =
  'coalesce(octet_length(key_envelope), 0) + coalesce(octet_length(overview_envelope), 0) + coalesce(octet_length(details_envelope), 0)';

const CHANGES_SINCE = prepared(
  'changes_since',
  `SELECT a.revision AS account_revision, a.purged_through, i.*
   FROM accounts a LEFT JOIN LATERAL (
     SELECT ${ITEM_COLUMNS} FROM (
       SELECT ${ITEM_COLUMNS}, sum(${ENVELOPE_CHARS}) OVER (ORDER BY revision ROWS UNBOUNDED PRECEDING) - (${ENVELOPE_CHARS}) AS chars_before
       FROM (SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = a.id AND revision > $2 ORDER BY revision LIMIT $3) limited
     ) page WHERE chars_before < $4 ORDER BY revision
   ) i ON true
   WHERE a.id = $1`,
);

type ChangesRow = { account_revision: number; purged_through: number } & { [Column in keyof ItemRow]: ItemRow[Column] | null };

export function postgresItems(db: Queryable): ItemStore {
  return {
    async changesSince({ accountId, since, limit, maxChars = Number.MAX_SAFE_INTEGER }) {
      // One statement, so the counter and the items come from one snapshot: a push committing in
      // between cannot leave the page behind the revision it reports. The running total of envelope
      // lengths keeps the items after the one that reaches maxChars in the database.
      const { rows } = await db.query<ChangesRow>(CHANGES_SINCE, [accountId, since, limit, maxChars]);
      const first = rows[0];
      if (!first) return null;
      const items = first.id === null ? [] : rows.map((row) => itemFromRow(row as ItemRow));
      return { revision: first.account_revision, purgedThrough: first.purged_through, items };
    },
    async lockRevision(accountId) {
      const { rows } = await db.query<{ revision: number }>('SELECT revision FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
      return rows[0]?.revision ?? null;
    },
    async setRevision(accountId, revision) {
      await db.query('UPDATE accounts SET revision = $1 WHERE id = $2', [revision, accountId]);
    },
    async revisions(accountId, ids) {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<{ id: string; revision: number }>(
        'SELECT id, revision FROM items WHERE account_id = $1 AND id = ANY($2::text[])',
        [accountId, ids],
      );
      return new Map(rows.map((row) => [row.id, row.revision]));
    },
    async get(accountId, ids) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = $1 AND id = ANY($2::text[])`, [accountId, ids]);
      const byId = new Map(rows.map((row) => [row.id, itemFromRow(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async put(accountId, items) {
      if (items.length === 0) return;
      // One statement for the whole batch, the columns passed as arrays.
      await db.query(
        `INSERT INTO items (account_id, id, revision, deleted, key_envelope, overview_envelope, details_envelope, updated_at)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::bigint[])
         ON CONFLICT (account_id, id) DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted,
           key_envelope = excluded.key_envelope, overview_envelope = excluded.overview_envelope,
           details_envelope = excluded.details_envelope, updated_at = excluded.updated_at`,
        [
          accountId,
          items.map((item) => item.id),
          items.map((item) => item.revision),
          items.map((item) => item.deleted),
          items.map((item) => item.envelopes?.key ?? null),
          items.map((item) => item.envelopes?.overview ?? null),
          items.map((item) => item.envelopes?.details ?? null),
          items.map((item) => item.updatedAt),
        ],
      );
    },
    async purgeTombstones({ cutoff }) {
      // Deleting and raising the purge marks in one statement: exactly the deleted revisions count.
      const { rows } = await db.query<{ n: number }>(
        `WITH purged AS (
           DELETE FROM items WHERE deleted AND updated_at < $1 RETURNING account_id, revision
         ), marked AS (
           UPDATE accounts a SET purged_through = GREATEST(a.purged_through, m.through)
           FROM (SELECT account_id, max(revision) AS through FROM purged GROUP BY account_id) m
           WHERE a.id = m.account_id
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM purged`,
        [cutoff],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
