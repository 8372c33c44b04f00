// What the PostgreSQL stores run their SQL on: the pool (a single call, committed on its own) or
// the client holding a unit of work's transaction. Both are pg's `query`.
import type { QueryResultRow } from 'pg';

export type Queryable = {
  query<Row extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
};

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
