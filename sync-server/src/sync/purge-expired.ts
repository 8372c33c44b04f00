// Housekeeping, run at start and hourly: purges tombstones older than the retention period
// (default 90 days), remembering per account the highest purged revision so that a client pulling
// from before it is told to resync; deletes expired sessions and expired unused invites.
import type { App } from '../app';
import { statement, writeTransaction } from '../db/open-database';

export type PurgeResult = { tombstones: number; sessions: number; invites: number };

export function purgeExpired(app: App): PurgeResult {
  const now = app.now();
  const cutoff = now - app.tombstoneRetentionMs;
  return writeTransaction(app.db, (): PurgeResult => {
    statement(
      app.db,
      `UPDATE accounts SET purged_through = max(purged_through, (
         SELECT max(revision) FROM items WHERE items.account_id = accounts.id AND deleted = 1 AND updated_at < @cutoff))
       WHERE id IN (SELECT account_id FROM items WHERE deleted = 1 AND updated_at < @cutoff)`,
    ).run({ cutoff });
    const tombstones = statement(app.db, 'DELETE FROM items WHERE deleted = 1 AND updated_at < ?').run(cutoff).changes;
    const sessions = statement(app.db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
    const invites = statement(app.db, 'DELETE FROM invites WHERE used_at IS NULL AND expires_at <= ?').run(now).changes;
    return { tombstones, sessions, invites };
  });
}
