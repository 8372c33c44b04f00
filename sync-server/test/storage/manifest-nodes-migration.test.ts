// Migration 5 (manifest_nodes) on a database a server before it wrote: the account and its header
// come through, the account starts with no nodes, stores them, and they go with the account.
// Migration 6 (the 'split' node kind) keeps the nodes a server at version 5 stored.
// On the adapter KEYHOLD_TEST_DATABASE selects.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/port';
import { b64, kdfParams } from '../helpers/fixtures';
import { createDatabaseBefore } from '../helpers/test-database';

const BEFORE = 4;
const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** Storage over a database migrated only up to version `before`. */
async function databaseBefore(before = BEFORE): Promise<Storage> {
  const database = await createDatabaseBefore(before);
  cleanUps.push(() => database.close());
  return database.storage;
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
  expect(result.applied).toContain(6);
  expect(await storage.manifestNodes.put(accountId, [split])).toBe(1);
  expect((await storage.manifestNodes.list(accountId)).map((node) => node.kind).sort()).toEqual(['mid', 'split']);
  await storage.accounts.delete(accountId);
  expect(await storage.manifestNodes.count(accountId)).toBe(0);
});
