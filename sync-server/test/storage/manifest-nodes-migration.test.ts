// Migration 5 (manifest_nodes) on a database a server before it wrote: the account and its header
// come through, the account starts with no nodes, stores them, and they go with the account.
// Migration 6 (the 'split' node kind) keeps the nodes a server at version 5 stored.
// On the adapter KEYHOLD_TEST_DATABASE selects.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/port';
import { migratePostgres } from '../../src/storage/postgres/migrate';
import { postgresMigrations } from '../../src/storage/postgres/migrations';
import { createPostgresStorage } from '../../src/storage/postgres/pg-storage';
import { migrate } from '../../src/storage/sqlite/migrate';
import { migrations } from '../../src/storage/sqlite/migrations';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage';
import { b64, kdfParams } from '../helpers/fixtures';
import { testDatabaseUrl } from '../helpers/test-database';

const BEFORE = 4;
const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** Storage over a database migrated only up to version `before`. */
async function databaseBefore(before = BEFORE): Promise<Storage> {
  const url = testDatabaseUrl();
  if (url === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'keyhold-migration-'));
    const db = openDatabase(join(dir, 'old.sqlite'));
    migrate(db, migrations.slice(0, before));
    const storage = createSqliteStorage(db);
    cleanUps.push(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return storage;
  }
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `keyhold_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = `-c search_path=${schema}`;
  const old = new pg.Pool({ connectionString: url, options, max: 1 });
  await migratePostgres(old, postgresMigrations.slice(0, before));
  await old.end();
  const storage = createPostgresStorage({ connectionString: url, options, maxConnections: 2 });
  cleanUps.push(async () => {
    await storage.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });
  return storage;
}

it('adds manifest_nodes to a database from before it, keeping what was there', async () => {
  const storage = await databaseBefore();
  expect(await storage.schemaVersion()).toBe(BEFORE);
  const accountId = randomUUID();
  const header = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62), manifest: b64(400) };
  await storage.accounts.insert({ id: accountId, email: 'old@example.org', authHash: 'hash', kdf: kdfParams(), header, createdAt: 1 });

  const result = await storage.migrate();
  expect(result).toMatchObject({ from: BEFORE, to: storage.latestSchemaVersion });
  expect(result.applied).toContain(5);
  expect((await storage.accounts.header(accountId))?.header).toEqual(header);
  expect(await storage.manifestNodes.count(accountId)).toBe(0);
  const node = { hash: randomBytes(16), kind: 'mid' as const, bytes: randomBytes(1024) };
  expect(await storage.manifestNodes.put(accountId, [node])).toBe(1);
  expect(await storage.manifestNodes.get(accountId, [node.hash])).toEqual([
    { hash: expect.toSatisfy((hash: Uint8Array) => Buffer.from(hash).equals(node.hash)), kind: 'mid', bytes: expect.anything() },
  ]);
  await storage.accounts.delete(accountId);
  expect(await storage.manifestNodes.count(accountId)).toBe(0);
});

it('lets a database at version 5 store splits, keeping its buckets and mids', async () => {
  const storage = await databaseBefore(5);
  const accountId = randomUUID();
  const header = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62), manifest: b64(400) };
  await storage.accounts.insert({ id: accountId, email: 'five@example.org', authHash: 'hash', kdf: kdfParams(), header, createdAt: 1 });
  const mid = { hash: randomBytes(16), kind: 'mid' as const, bytes: randomBytes(1024) };
  expect(await storage.manifestNodes.put(accountId, [mid])).toBe(1);
  const split = { hash: randomBytes(16), kind: 'split' as const, bytes: randomBytes(256) };
  await expect(storage.manifestNodes.put(accountId, [split])).rejects.toThrow();

  const result = await storage.migrate();
  expect(result.applied).toEqual([6]);
  expect(await storage.manifestNodes.put(accountId, [split])).toBe(1);
  expect((await storage.manifestNodes.list(accountId)).map((node) => node.kind).sort()).toEqual(['mid', 'split']);
  await storage.accounts.delete(accountId);
  expect(await storage.manifestNodes.count(accountId)).toBe(0);
});
