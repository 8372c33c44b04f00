// PostgreSQL: per-address request counters in fixed windows (the policy is limits/ip-rate-limiter.ts).
import type { RequestBudgetStore } from '../port';
import type { Queryable } from './queryable';

export function postgresRequestBudget(db: Queryable): RequestBudgetStore {
  return {
    async add(windowStart, counts) {
      if (counts.size === 0) return new Map();
      // One statement for the whole batch. Sorted, so two processes adding overlapping keys lock
      // the rows in the same order (no deadlock); each row's count grows atomically.
      const keys = [...counts.keys()].sort();
      const { rows } = await db.query<{ key: string; count: number }>(
        `INSERT INTO request_budget (key, window_start, count)
         SELECT key, $1, n FROM unnest($2::text[], $3::int[]) AS batch(key, n) ORDER BY key
         ON CONFLICT (key, window_start) DO UPDATE SET count = request_budget.count + excluded.count
         RETURNING key, count`,
        [windowStart, keys, keys.map((key) => counts.get(key)!)],
      );
      return new Map(rows.map((row) => [row.key, row.count]));
    },
    async deleteBefore(windowStart) {
      return (await db.query('DELETE FROM request_budget WHERE window_start < $1', [windowStart])).rowCount ?? 0;
    },
  };
}
