// The PostgreSQL adapter of the storage port, on a pg connection pool.
//
// A unit of work checks one connection out of the pool and runs at READ COMMITTED, with explicit
// locks where order matters (the account row for pushes, an advisory lock for the audit chain; see
// docs/adr/0012-server-storage-port.md). Deadlocks and serialization failures are retried with the
// whole unit of work, a few times, after a short random pause.
import pg from 'pg';
import type { Storage, Stores } from '../port';
import { postgresChangeChannel } from './change-channel';
import { postgresAccounts, postgresRegistration } from './accounts';
import { postgresAudit } from './audit';
import { postgresIndexSnapshots } from './index-snapshots';
import { postgresItems } from './items';
import { postgresManifestNodes } from './manifest-nodes';
import { currentPostgresVersion, migratePostgres } from './migrate';
import { postgresMigrations } from './migrations';
import type { Queryable } from './queryable';
import { postgresRequestBudget } from './request-budget';
import { postgresInvites, postgresSessions } from './sessions';
import { postgresTables } from './tables';
import { postgresThrottles } from './throttles';

const RETRYABLE = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const MAX_ATTEMPTS = 8;
const INT8_OID = 20;

export type PostgresOptions = {
  connectionString: string;
  /** Extra server settings for each connection, e.g. "-c search_path=tenant" (tests use a schema each). */
  options?: string;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
};

function stores(db: Queryable): Stores {
  return {
    accounts: postgresAccounts(db),
    items: postgresItems(db),
    manifestNodes: postgresManifestNodes(db),
    indexSnapshots: postgresIndexSnapshots(db),
    sessions: postgresSessions(db),
    invites: postgresInvites(db),
    registration: postgresRegistration(db),
    audit: postgresAudit(db),
    throttles: postgresThrottles(db),
    requestBudget: postgresRequestBudget(db),
    tables: postgresTables(db),
  };
}

const readInt8AsNumber = ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
  oid === INT8_OID ? Number : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser;

function isRetryable(error: unknown): boolean {
  return RETRYABLE.has((error as { code?: string }).code ?? '');
}

/**
 * Generic plans for prepared statements. By default PostgreSQL plans `changes_since` again at every
 * execution: its generic plan, blind to the revision bound, looks costlier than a custom one, so the
 * plan cache never keeps it, and planning cost more than running the statement — about half of
 * PostgreSQL's CPU per polled pull (docs/adr/0022-server-benchmark.md). Every statement here is
 * keyed by an account, a session or another id, where the generic plan is the custom one.
 */
const CONNECTION_SETTINGS = '-c plan_cache_mode=force_generic_plan';

export function createPostgresStorage(options: PostgresOptions): Storage {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    options: [CONNECTION_SETTINGS, options.options].filter(Boolean).join(' '),
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    // BIGINT columns hold revisions and millisecond times, far below 2^53: read them as numbers.
    types: { getTypeParser: readInt8AsNumber },
  });
  // An idle pooled connection that the server drops (restart, idle timeout) is discarded by the pool;
  // without a listener the 'error' event would end the process.
  pool.on('error', () => {});

  return {
    dialect: 'postgres',
    changes: postgresChangeChannel({ pool, connect: () => new pg.Client({ connectionString: options.connectionString, options: options.options }) }),
    ...stores(pool),
    async transaction(work) {
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query('BEGIN');
          const result = await work(stores(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        } finally {
          client.release(broken);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
      }
    },
    migrate: () => migratePostgres(pool, postgresMigrations),
    schemaVersion: () => currentPostgresVersion(pool),
    latestSchemaVersion: postgresMigrations.at(-1)?.version ?? 0,
    close: () => pool.end(),
  };
}
