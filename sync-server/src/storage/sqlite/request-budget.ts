// SQLite: per-address request counters in fixed windows (the policy is limits/ip-rate-limiter.ts).
import type { RequestBudgetStore } from '../port';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteRequestBudget(db: Db): SyncStore<RequestBudgetStore> {
  return {
    add(windowStart, counts) {
      const upsert = statement<[string, number, number], { count: number }>(
        db,
        `INSERT INTO request_budget (key, window_start, count) VALUES (?, ?, ?)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count RETURNING count`,
      );
      // One transaction (a savepoint inside a unit of work): one fsync for the whole batch.
      return db.transaction(() => {
        const totals = new Map<string, number>();
        for (const [key, count] of counts) totals.set(key, upsert.get(key, windowStart, count)?.count ?? count);
        return totals;
      })();
    },
    deleteBefore(windowStart) {
      return statement(db, 'DELETE FROM request_budget WHERE window_start < ?').run(windowStart).changes;
    },
  };
}
