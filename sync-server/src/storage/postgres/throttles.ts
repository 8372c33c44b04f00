// PostgreSQL: login throttle entries (the policy is limits/login-throttle.ts).
import type { ThrottleEntry, ThrottleStore } from '../port';
import type { Queryable } from './queryable';

type ThrottleRow = { key: string; failures: number; locked_until: number; last_attempt: number };

export function postgresThrottles(db: Queryable): ThrottleStore {
  return {
    async lock(keys, { now }) {
      if (keys.length === 0) return new Map();
      // A row to lock for every key: concurrent first attempts on one key then queue on it instead of
      // both counting from nothing. Sorted, so two attempts sharing keys lock them in the same order.
      const sorted = [...new Set(keys)].sort();
      await db.query(
        `INSERT INTO login_throttle (key, failures, locked_until, last_attempt)
         SELECT key, 0, 0, $2 FROM unnest($1::text[]) AS key ORDER BY key ON CONFLICT (key) DO NOTHING`,
        [sorted, now],
      );
      const { rows } = await db.query<ThrottleRow>(
        'SELECT key, failures, locked_until, last_attempt FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
        [sorted],
      );
      // A row just created here reads as 0 failures, unlocked: the same as no entry.
      return new Map(
        rows.map((row): [string, ThrottleEntry] => [
          row.key,
          { key: row.key, failures: row.failures, lockedUntil: row.locked_until, lastAttempt: row.last_attempt },
        ]),
      );
    },
    async put(entries) {
      if (entries.length === 0) return;
      await db.query(
        `INSERT INTO login_throttle (key, failures, locked_until, last_attempt)
         SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[])
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_attempt = excluded.last_attempt`,
        [entries.map((e) => e.key), entries.map((e) => e.failures), entries.map((e) => e.lockedUntil), entries.map((e) => e.lastAttempt)],
      );
    },
    async delete(keys) {
      if (keys.length > 0) await db.query('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [keys]);
    },
    async deleteIdle({ lastAttemptBefore, now }) {
      return (await db.query('DELETE FROM login_throttle WHERE last_attempt < $1 AND locked_until <= $2', [lastAttemptBefore, now])).rowCount ?? 0;
    },
  };
}
