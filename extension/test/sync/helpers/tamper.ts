// Playing the compromised server: direct edits of the real server's SQLite file while it runs.
// Revisions are bumped through the account's own counter when a change should be served to
// devices (as if the server had accepted a write); left alone when it should look like old data.
import type Database from 'better-sqlite3';

export type Row = {
  id: string;
  revision: number;
  deleted: 0 | 1;
  key_envelope: string | null;
  overview_envelope: string | null;
  details_envelope: string | null;
};

export function readRow(db: Database.Database, accountId: string, id: string): Row {
  const row = db
    .prepare('SELECT id, revision, deleted, key_envelope, overview_envelope, details_envelope FROM items WHERE account_id = ? AND id = ?')
    .get(accountId, id) as Row | undefined;
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

/** Overwrites an item row. With `bump`, it gets the account's next revision, so devices pull it. */
export function writeRow(
  db: Database.Database,
  accountId: string,
  row: Omit<Row, 'revision'> & { revision?: number },
  options: { bump: boolean },
): number {
  let revision = row.revision;
  if (options.bump) {
    const account = db.prepare('SELECT revision FROM accounts WHERE id = ?').get(accountId) as { revision: number };
    revision = account.revision + 1;
    db.prepare('UPDATE accounts SET revision = ? WHERE id = ?').run(revision, accountId);
  }
  db.prepare(
    `INSERT INTO items (account_id, id, revision, deleted, key_envelope, overview_envelope, details_envelope, updated_at)
     VALUES (@account, @id, @revision, @deleted, @key, @overview, @details, @now)
     ON CONFLICT (account_id, id) DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted,
       key_envelope = excluded.key_envelope, overview_envelope = excluded.overview_envelope,
       details_envelope = excluded.details_envelope, updated_at = excluded.updated_at`,
  ).run({
    account: accountId,
    id: row.id,
    revision,
    deleted: row.deleted,
    key: row.key_envelope,
    overview: row.overview_envelope,
    details: row.details_envelope,
    now: Date.now(),
  });
  return revision!;
}

/** An envelope with its version byte changed (a format this client does not know). */
export function withEnvelopeVersion(envelope: string, version: number): string {
  const bytes = Buffer.from(envelope, 'base64url');
  bytes[0] = version;
  return bytes.toString('base64url');
}
