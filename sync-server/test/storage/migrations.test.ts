// Versioned migrations on whichever adapter KEYHOLD_TEST_DATABASE selects: applied once, and a
// database written by a newer server is refused rather than misread.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { postgresMigrations } from '../../src/storage/postgres/migrations';
import { migrations } from '../../src/storage/sqlite/migrations';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.close());

it('runs on the adapter KEYHOLD_TEST_DATABASE names', () => {
  expect(db.storage.dialect).toBe(testDatabaseUrl() === undefined ? 'sqlite' : 'postgres');
});

it('applies each migration once', async () => {
  const latest = db.storage.latestSchemaVersion;
  expect(latest).toBeGreaterThanOrEqual(1);
  expect(await db.storage.schemaVersion()).toBe(latest);
  expect(await db.storage.migrate()).toEqual({ from: latest, to: latest, applied: [] });
});

it('refuses a database from a newer server', async () => {
  await db.sql.exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${db.storage.latestSchemaVersion + 1}, 'future', 0)`);
  await expect(db.storage.migrate()).rejects.toThrow(/only knows up to/);
});

it('numbers and names the migrations alike in both dialects (version N is one logical schema)', () => {
  const steps = (list: readonly { version: number; name: string }[]) => list.map(({ version, name }) => ({ version, name }));
  expect(steps(postgresMigrations)).toEqual(steps(migrations));
});
