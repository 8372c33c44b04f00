// The database the in-process tests run on, chosen by KEYHOLD_TEST_DATABASE: unset (or "sqlite") is a
// temp SQLite file; a postgres:// URL is a fresh schema on that server, dropped afterwards. `sql` is
// raw access for tests that inspect or tamper with rows the way an attacker with the database would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from '../../src/storage/port';
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

/** A migrated, empty database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  if (url !== undefined) throw new Error(`KEYHOLD_TEST_DATABASE=${url}: only SQLite is supported`);
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
