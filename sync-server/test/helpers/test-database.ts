// The database the in-process tests run on, chosen by KEYHOLD_TEST_DATABASE: unset (or "sqlite") is a
// temp SQLite file; a postgres:// URL is a fresh schema on that server, dropped afterwards. `sql` is
// raw access for tests that inspect or tamper with rows the way an attacker with the database would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Storage } from '../../src/storage/port';
import { migratePostgres } from '../../src/storage/postgres/migrate';
import { postgresMigrations } from '../../src/storage/postgres/migrations';
import { createPostgresStorage } from '../../src/storage/postgres/pg-storage';
import { migrate } from '../../src/storage/sqlite/migrate';
import { migrations } from '../../src/storage/sqlite/migrations';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage';

export type RawSql = {
  dialect: Storage['dialect'];
  /** Rows of one statement; `?` placeholders in both dialects. */
  all<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** One or more statements without parameters. */
  exec(sql: string): Promise<void>;
};

export type TestDatabase = { storage: Storage; sql: RawSql; close(): Promise<void> };

export function testDatabaseUrl(): string | undefined {
  const url = process.env.KEYHOLD_TEST_DATABASE;
  return url === undefined || url === '' || url === 'sqlite' ? undefined : url;
}

/** A migrated, empty database: the configured one, or SQLite when asked for. */
export async function createTestDatabase(options: { sqlite?: boolean } = {}): Promise<TestDatabase> {
  const url = options.sqlite ? undefined : testDatabaseUrl();
  if (url === undefined) return createSqliteTestDatabase();
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('KEYHOLD_TEST_DATABASE must be unset, "sqlite", or a postgres:// URL.');
  return createPostgresTestDatabase(url);
}

async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-router-'));
  const db = openDatabase(join(dir, 'test.sqlite'));
  const storage = createSqliteStorage(db);
  await storage.migrate();
  return {
    storage,
    sql: {
      dialect: 'sqlite',
      all: async <Row>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as Row[],
      exec: async (sql) => void db.exec(sql),
    },
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let admin: pg.Pool | undefined;

/**
 * Storage over a database that a server before schema version `before + 1` wrote: migrated only up
 * to `before`, on the adapter KEYHOLD_TEST_DATABASE selects, for tests of the later migrations.
 */
export async function createDatabaseBefore(before: number): Promise<{ storage: Storage; close(): Promise<void> }> {
  const url = testDatabaseUrl();
  if (url === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'keyhold-migration-'));
    const db = openDatabase(join(dir, 'old.sqlite'));
    migrate(db, migrations.slice(0, before));
    const storage = createSqliteStorage(db);
    return {
      storage,
      async close() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  admin ??= new pg.Pool({ connectionString: url, max: 2 });
  const schema = `keyhold_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = `-c search_path=${schema}`;
  const old = new pg.Pool({ connectionString: url, options, max: 1 });
  await migratePostgres(old, postgresMigrations.slice(0, before));
  await old.end();
  const storage = createPostgresStorage({ connectionString: url, options, maxConnections: 2 });
  return {
    storage,
    async close() {
      await storage.close();
      await admin!.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** A schema of its own on the test server, so test files running in parallel never meet. */
async function createPostgresTestDatabase(url: string): Promise<TestDatabase> {
  admin ??= new pg.Pool({ connectionString: url, max: 2 });
  const schema = `keyhold_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = `-c search_path=${schema}`;
  const storage = createPostgresStorage({ connectionString: url, options, maxConnections: 4 });
  await storage.migrate();
  const raw = new pg.Pool({ connectionString: url, options, max: 1 });
  return {
    storage,
    sql: {
      dialect: 'postgres',
      all: async <Row>(sql: string, params: readonly unknown[] = []) => {
        let n = 0;
        return (
          await raw.query(
            sql.replace(/\?/g, () => `$${++n}`),
            [...params],
          )
        ).rows as Row[];
      },
      exec: async (sql) => void (await raw.query(sql)),
    },
    async close() {
      await storage.close();
      await raw.end();
      await admin!.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/**
 * A database for server processes (`--database`), chosen like createTestDatabase: a SQLite file in
 * a temp directory, or a fresh schema on KEYHOLD_TEST_DATABASE's server. Not migrated: servers do that.
 */
export async function createServerDatabase(): Promise<{ database: string; close(): Promise<void> }> {
  const url = testDatabaseUrl();
  if (url === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'keyhold-shared-db-'));
    return { database: `sqlite:${join(dir, 'keyhold.sqlite')}`, close: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  admin ??= new pg.Pool({ connectionString: url, max: 2 });
  const schema = `keyhold_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const database = new URL(url);
  database.searchParams.set('options', `-c search_path=${schema}`);
  return {
    database: database.toString(),
    close: async () => void (await admin!.query(`DROP SCHEMA ${schema} CASCADE`)),
  };
}
