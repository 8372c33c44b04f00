// SIGKILL during a stream of pushes: after a restart every acknowledged push is there, byte for
// byte, and each push that was in flight is either entirely there or entirely absent.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import type { PushItem, ServerItem } from '@keyhold/shared/sync/protocol';
import { newItem, registration } from '../helpers/fixtures';
import { spawnServer } from '../helpers/spawn-server';
import { data, mutate, query } from '../helpers/trpc-http';

const PUSHERS = 3;
const BATCH = 25;

async function pushUntilKilled(url: string, token: string) {
  const acknowledged = new Map<string, { revision: number; item: PushItem }>();
  const inDoubt: PushItem[][] = [];
  const pusher = async () => {
    for (;;) {
      const batch = Array.from({ length: BATCH }, () => newItem());
      try {
        const result = data(await mutate(url, 'sync.push', { items: batch }, token));
        for (const { id, revision } of result.accepted as { id: string; revision: number }[]) {
          acknowledged.set(id, { revision, item: batch.find((i) => i.id === id)! });
        }
      } catch {
        inDoubt.push(batch);
        return;
      }
    }
  };
  return { acknowledged, inDoubt, run: Promise.all(Array.from({ length: PUSHERS }, pusher)) };
}

async function pullAll(url: string, token: string) {
  const items: ServerItem[] = [];
  let since = 0;
  let revision = 0;
  for (;;) {
    const page = data(await query(url, 'sync.pull', { since, limit: 5000 }, token));
    items.push(...page.items);
    revision = page.revision;
    if (!page.hasMore) break;
    since = page.items.at(-1).revision;
  }
  return { items, revision };
}

it('keeps every acknowledged push and never half of one across SIGKILLs', async () => {
  let server = await spawnServer();
  const { token } = data(await mutate(server.url, 'account.register', registration()));
  const acknowledged = new Map<string, { revision: number; item: PushItem }>();
  const inDoubt: PushItem[][] = [];

  for (const killAfterMs of [700, 1100]) {
    const stream = await pushUntilKilled(server.url, token);
    await new Promise((resolve) => setTimeout(resolve, killAfterMs));
    server.proc.kill('SIGKILL');
    await stream.run;
    expect(await server.exited).toBe('SIGKILL');
    expect(stream.acknowledged.size).toBeGreaterThan(0);
    for (const [id, entry] of stream.acknowledged) acknowledged.set(id, entry);
    inDoubt.push(...stream.inDoubt);
    server = await spawnServer({ dataDir: server.dataDir });
  }

  const { items, revision } = await pullAll(server.url, token);
  await server.stop();
  const stored = new Map(items.map((item) => [item.id, item]));

  for (const [id, { revision: acked, item }] of acknowledged) {
    expect(stored.get(id)).toMatchObject({ revision: acked, deleted: false, envelopes: item.envelopes });
  }
  let fromInDoubt = 0;
  for (const batch of inDoubt) {
    const present = batch.filter((item) => stored.has(item.id)).length;
    expect([0, batch.length]).toContain(present);
    fromInDoubt += present;
  }
  // Nothing else exists, revisions are gapless, and the counter matches the newest item.
  expect(items.length).toBe(acknowledged.size + fromInDoubt);
  expect(items.map((item) => item.revision)).toEqual(items.map((_, i) => i + 1));
  expect(revision).toBe(items.length);

  const db = new Database(join(server.dataDir, 'keyhold.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
});
