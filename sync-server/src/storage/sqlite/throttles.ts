// SQLite: login throttle entries (the policy is limits/login-throttle.ts).
import type { ThrottleEntry, ThrottleStore } from '../port';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

type ThrottleRow = { key: string; failures: number; locked_until: number; last_attempt: number };

export function sqliteThrottles(db: Db): SyncStore<ThrottleStore> {
  return {
    // The transaction's BEGIN IMMEDIATE already holds the database's write lock.
    lock(keys) {
      const select = statement<[string], ThrottleRow>(db, 'SELECT key, failures, locked_until, last_attempt FROM login_throttle WHERE key = ?');
      const found = new Map<string, ThrottleEntry>();
      for (const key of keys) {
        const row = select.get(key);
        if (row) found.set(key, { key, failures: row.failures, lockedUntil: row.locked_until, lastAttempt: row.last_attempt });
      }
      return found;
    },
    put(entries) {
      const upsert = statement(
        db,
        `INSERT INTO login_throttle (key, failures, locked_until, last_attempt) VALUES (@key, @failures, @lockedUntil, @lastAttempt)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_attempt = excluded.last_attempt`,
      );
      for (const entry of entries) upsert.run(entry);
    },
    delete(keys) {
      const remove = statement(db, 'DELETE FROM login_throttle WHERE key = ?');
      for (const key of keys) remove.run(key);
    },
    deleteIdle({ lastAttemptBefore, now }) {
      return statement(db, 'DELETE FROM login_throttle WHERE last_attempt < ? AND locked_until <= ?').run(lastAttemptBefore, now).changes;
    },
  };
}
