// Two server processes on one database (PostgreSQL when KEYHOLD_TEST_DATABASE names one, else one
// SQLite file): clients pushing to one account through both get every revision exactly once, and
// every acknowledged push is still there after one process is SIGKILLed mid-stream.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PushItem, ServerItem } from '@keyhold/shared/sync/protocol';
import { newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { TEST_SECRET } from '../helpers/test-app';
import { createServerDatabase } from '../helpers/test-database';
import { data, mutate, query } from '../helpers/trpc-http';

let shared: Awaited<ReturnType<typeof createServerDatabase>>;
let replicas: SpawnedServer[] = [];
beforeEach(async () => {
  shared = await createServerDatabase();
  const config = { secret: TEST_SECRET, rateLimit: { requests: 1_000_000 } };
  replicas = [await spawnServer({ database: shared.database, config }), await spawnServer({ database: shared.database, config })];
});
afterEach(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await shared.close();
});

async function pullAll(url: string, token: string): Promise<{ items: ServerItem[]; revision: number }> {
  const items: ServerItem[] = [];
  for (let since = 0; ;) {
    const page = data(await query(url, 'sync.pull', { since, limit: 5000 }, token));
    items.push(...page.items);
    if (!page.hasMore) return { items, revision: page.revision };
    since = page.items.at(-1).revision;
  }
}

it('hands out each revision once across replicas and keeps every acknowledged push when one is killed', async () => {
  const [a, b] = replicas as [SpawnedServer, SpawnedServer];
  const { token } = data(await mutate(a.url, 'account.register', registration()));
  // A session opened on one replica works on the other: sessions live in the database.
  expect(data(await query(b.url, 'session.list', undefined, token))).toHaveLength(1);

  const acknowledged = new Map<string, { revision: number; item: PushItem }>();
  const inDoubt: PushItem[][] = [];
  const end = Date.now() + 1_200;
  const client = async (n: number) => {
    for (let round = 0; Date.now() < end; round += 1) {
      const replica = (n + round) % 2 === 0 ? a : b;
      const batch = Array.from({ length: 5 }, () => newItem());
      try {
        const result = data(await mutate(replica.url, 'sync.push', { items: batch }, token));
        for (const { id, revision } of result.accepted as { id: string; revision: number }[]) {
          acknowledged.set(id, { revision, item: batch.find((item) => item.id === id)! });
        }
      } catch {
        if (replica === b)
          inDoubt.push(batch); // b is killed below; a must never fail
        else throw new Error(`a push to the surviving replica failed`);
      }
    }
  };
  const clients = Promise.all(Array.from({ length: 6 }, (_, n) => client(n)));
  await new Promise((resolve) => setTimeout(resolve, 400));
  b.proc.kill('SIGKILL');
  await clients;

  const { items, revision } = await pullAll(a.url, token);
  const stored = new Map(items.map((item) => [item.id, item]));
  for (const [id, { revision: acked, item }] of acknowledged) {
    expect(stored.get(id)).toMatchObject({ revision: acked, envelopes: item.envelopes });
  }
  for (const batch of inDoubt) expect([0, batch.length]).toContain(batch.filter((item) => stored.has(item.id)).length);
  // No revision given twice, none skipped, and the counter matches the newest item.
  expect(items.map((item) => item.revision)).toEqual(items.map((_, i) => i + 1));
  expect(revision).toBe(items.length);
  expect(acknowledged.size).toBeGreaterThan(30);
  expect(inDoubt.length).toBeGreaterThan(0); // b really died mid-stream
});
