// What the PostgreSQL stores run their SQL on: the pool (a single call, committed on its own) or
// the client holding a unit of work's transaction. Both are pg's `query`.
import type { QueryResultRow } from 'pg';

export type Queryable = {
  query<Row extends QueryResultRow = QueryResultRow>(
    text: string | PreparedQuery,
    values?: unknown[],
  ): Promise<{ rows: Row[]; rowCount: number | null }>;
};

/**
 * A statement each pooled connection parses and plans once, then only executes (pg's named
 * statements). For the queries every request runs — the session lookup and the pull — planning
 * cost more database CPU than executing (bench/suites/server.ts).
 */
export type PreparedQuery = { name: string; text: string };

export function prepared(name: string, text: string): PreparedQuery {
  return { name: `keyhold_${name}`, text };
}

/** Keys of the transaction- and session-level advisory locks the adapter takes. */
export const ADVISORY_LOCKS = {
  /** Held while migrating, so that replicas starting together migrate once. */
  migrate: 0x6b68_0001,
  /** Held by a transaction appending to the audit log, from reading the chain's tail to COMMIT. */
  auditAppend: 0x6b68_0002,
} as const;

/** PostgreSQL's unique_violation (https://www.postgresql.org/docs/15/errcodes-appendix.html). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}
