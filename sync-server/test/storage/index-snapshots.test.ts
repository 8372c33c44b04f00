// The index snapshot store (port.ts IndexSnapshotStore) on the adapter KEYHOLD_TEST_DATABASE selects:
// chunks replaced in place, deleted by the ids to keep, sized without being read, one current
// snapshot per account, rows the schema itself refuses; and migration 7, which adds the tables to
// a database a server before it wrote.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/port';
import { b64, kdfParams } from '../helpers/fixtures';
import { createDatabaseBefore, createTestDatabase } from '../helpers/test-database';

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function database(): Promise<Storage> {
  const db = await createTestDatabase();
  cleanUps.push(() => db.close());
  return db.storage;
}

async function newAccount(storage: Storage): Promise<string> {
  const id = randomUUID();
  const header = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) };
  await storage.accounts.insert({ id, email: `${id.slice(0, 8)}@example.org`, authHash: 'hash', kdf: kdfParams(), header, createdAt: 1 });
  return id;
}

const hex = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('hex'));

it('stores chunks per account and id, replaces one sent again, and sizes one without reading it', async () => {
  const storage = await database();
  const [a, b] = [await newAccount(storage), await newAccount(storage)];
  const id = randomBytes(16);
  const first = randomBytes(1000);
  const replaced = randomBytes(300);
  await storage.indexSnapshots.putChunk(a, { snapshotId: id, index: 1, count: 2, bytes: first });
  await storage.indexSnapshots.putChunk(a, { snapshotId: id, index: 1, count: 2, bytes: replaced });
  await storage.indexSnapshots.putChunk(a, { snapshotId: id, index: 0, count: 2, bytes: randomBytes(5) });
  expect(await storage.indexSnapshots.chunkIndexes(a, id)).toEqual([
    { index: 0, count: 2 },
    { index: 1, count: 2 },
  ]);
  expect(hex(await storage.indexSnapshots.chunk(a, id, 1))).toBe(hex(replaced));
  expect(await storage.indexSnapshots.chunkLength(a, id, 1)).toBe(300);
  // Another account, another id or index: nothing.
  expect(await storage.indexSnapshots.chunk(b, id, 1)).toBeNull();
  expect(await storage.indexSnapshots.chunkLength(b, id, 1)).toBeNull();
  expect(await storage.indexSnapshots.chunkIndexes(b, id)).toEqual([]);
  expect(await storage.indexSnapshots.chunk(a, randomBytes(16), 1)).toBeNull();
  expect(await storage.indexSnapshots.chunkLength(a, id, 2)).toBeNull();
});

it('deletes the chunks of every id but those kept, in one account only', async () => {
  const storage = await database();
  const [a, b] = [await newAccount(storage), await newAccount(storage)];
  const [kept, other, third] = [randomBytes(16), randomBytes(16), randomBytes(16)];
  for (const account of [a, b]) {
    for (const id of [kept, other, third])
      await storage.indexSnapshots.putChunk(account, { snapshotId: id, index: 0, count: 1, bytes: randomBytes(8) });
  }
  expect(await storage.indexSnapshots.deleteChunks(a, { keep: [kept, other] })).toBe(1);
  expect(await storage.indexSnapshots.chunkIndexes(a, third)).toEqual([]);
  expect(await storage.indexSnapshots.deleteChunks(a, { keep: [kept] })).toBe(1);
  expect(await storage.indexSnapshots.chunkIndexes(a, kept)).toHaveLength(1);
  expect(await storage.indexSnapshots.deleteChunks(a, { keep: [] })).toBe(1);
  for (const id of [kept, other, third]) expect(await storage.indexSnapshots.chunkIndexes(b, id)).toHaveLength(1);
});

it('keeps one current snapshot per account', async () => {
  const storage = await database();
  const [a, b] = [await newAccount(storage), await newAccount(storage)];
  expect(await storage.indexSnapshots.current(a)).toBeNull();
  const [first, second] = [randomBytes(16), randomBytes(16)];
  await storage.indexSnapshots.setCurrent(a, { snapshotId: first, count: 3 });
  await storage.indexSnapshots.setCurrent(a, { snapshotId: second, count: 5 });
  const current = await storage.indexSnapshots.current(a);
  expect({ id: hex(current?.snapshotId ?? null), count: current?.count }).toEqual({ id: hex(second), count: 5 });
  expect(await storage.indexSnapshots.current(b)).toBeNull();
});

it('refuses rows the schema rules out: an index not below its count, a short id, an unknown account', async () => {
  const storage = await database();
  const a = await newAccount(storage);
  const put = (chunk: { snapshotId: Uint8Array; index: number; count: number }, account = a) =>
    storage.indexSnapshots.putChunk(account, { ...chunk, bytes: randomBytes(8) });
  await expect(put({ snapshotId: randomBytes(16), index: 2, count: 2 })).rejects.toThrow();
  await expect(put({ snapshotId: randomBytes(16), index: 0, count: 0 })).rejects.toThrow();
  await expect(put({ snapshotId: randomBytes(15), index: 0, count: 1 })).rejects.toThrow();
  await expect(put({ snapshotId: randomBytes(16), index: 0, count: 1 }, randomUUID())).rejects.toThrow();
  await expect(storage.indexSnapshots.setCurrent(randomUUID(), { snapshotId: randomBytes(16), count: 1 })).rejects.toThrow();
});

it('adds the index snapshot tables to a database at version 6, which keep what was there and go with the account', async () => {
  const old = await createDatabaseBefore(6);
  cleanUps.push(() => old.close());
  const { storage } = old;
  expect(await storage.schemaVersion()).toBe(6);
  const accountId = await newAccount(storage);
  const node = { hash: randomBytes(16), kind: 'mid' as const, bytes: randomBytes(1024) };
  await storage.manifestNodes.put(accountId, [node]);

  expect((await storage.migrate()).applied).toContain(7);
  expect(await storage.manifestNodes.count(accountId)).toBe(1);
  expect(await storage.indexSnapshots.current(accountId)).toBeNull();
  const snapshotId = randomBytes(16);
  await storage.indexSnapshots.putChunk(accountId, { snapshotId, index: 0, count: 1, bytes: randomBytes(64) });
  await storage.indexSnapshots.setCurrent(accountId, { snapshotId, count: 1 });
  await storage.accounts.delete(accountId);
  expect(await storage.indexSnapshots.current(accountId)).toBeNull();
  expect(await storage.indexSnapshots.chunkIndexes(accountId, snapshotId)).toEqual([]);
});
