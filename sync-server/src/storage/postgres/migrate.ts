// Applies pending PostgreSQL migrations in order, each in its own transaction, under an advisory
// lock so that replicas starting together migrate once; refuses a database written by a newer server.
import type { Pool } from 'pg';
import type { Migration, MigrationResult } from '../port';
import { pendingMigrations } from '../migration-plan';
import { ADVISORY_LOCKS } from './queryable';

export async function migratePostgres(pool: Pool, migrations: readonly Migration[]): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrate]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`);
      const from = await currentPostgresVersion(client);
      const { pending, newest } = pendingMigrations(from, migrations);
      const applied: number[] = [];
      for (const migration of pending) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
      return { from, to: Math.max(from, newest), applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrate]);
    }
  } finally {
    client.release();
  }
}

export async function currentPostgresVersion(db: { query: Pool['query'] }): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}
