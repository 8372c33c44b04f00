// The pull flood of issue #11 on the real process: one batched GET of 16 `sync.pull` calls once
// answered 128 MiB, raised the server's memory from 208 to 743 MB and kept /healthz waiting 5 s.
// Now the calls of one request share one page's budget (sync/pull-items.ts), the storage stops
// reading at the page's size, and a large single pull is streamed. Bounds checked here: each batched
// answer ≤ 6 MiB (a 4 MiB page plus one item and JSON), the server's peak RSS grows < 150 MB over
// 8 such requests at once, /healthz answers within 2 s throughout (it took 5 s before), and paging still gets every item.
// PostgreSQL when KEYHOLD_TEST_DATABASE names one, else SQLite.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import { b64, newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { createServerDatabase } from '../helpers/test-database';
import { data, mutate, query } from '../helpers/trpc-http';

const MiB = 1024 * 1024;
const ITEMS = 48;
/** ~600 KiB per item: 48 items are ~28 MiB, seven pages. */
const itemEnvelopes = () => ({ key: b64(62), overview: b64(1024), details: b64(450 * 1024) });

let shared: Awaited<ReturnType<typeof createServerDatabase>>;
let server: SpawnedServer;
let token: string;
beforeAll(async () => {
  shared = await createServerDatabase();
  server = await spawnServer({ database: shared.database, config: { rateLimit: { requests: 1_000_000 } } });
  token = data<{ token: string }>(await mutate(server.url, 'account.register', registration())).token;
  for (let pushed = 0; pushed < ITEMS; pushed += 12) {
    const items = Array.from({ length: 12 }, () => newItem({ envelopes: itemEnvelopes() }));
    expect((await mutate(server.url, 'sync.push', { items }, token)).status).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await shared?.close();
});

/** Peak resident memory of the server process so far, in bytes (Linux). */
function peakRss(): number {
  const status = readFileSync(`/proc/${server.proc.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

it('answers a batch of 16 pulls with one page in all, keeps memory flat and /healthz responsive', async () => {
  const calls = 16;
  const path = Array.from({ length: calls }, () => 'sync.pull').join(',');
  const input = Object.fromEntries(Array.from({ length: calls }, (_, n) => [String(n), { since: 0, limit: 5000 }]));
  const url = `${server.url}/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  const headers = { authorization: `Bearer ${token}` };

  const before = peakRss();
  let probing = true;
  const healthLatencies: number[] = [];
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      healthLatencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const answers = await Promise.all(
    Array.from({ length: 8 }, async () => {
      const response = await fetch(url, { headers });
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
    }),
  );
  probing = false;
  await probe;

  for (const answer of answers) expect(answer.bytes).toBeLessThanOrEqual(6 * MiB);
  expect(peakRss() - before).toBeLessThan(150 * MiB);
  expect(healthLatencies.length).toBeGreaterThan(0);
  expect(Math.max(...healthLatencies)).toBeLessThan(2_000);

  // What the batch says: the first pull got the page, the others were told to ask separately.
  const one = await fetch(url, { headers });
  const results = (await one.json()) as { result?: { data: { items: ServerItem[] } }; error?: { data: { code: string } } }[];
  expect(results).toHaveLength(calls);
  const served = results.filter((result) => result.result);
  expect(served).toHaveLength(1);
  expect(results.filter((result) => result.error?.data.code === 'TOO_MANY_REQUESTS')).toHaveLength(calls - 1);
}, 60_000);

it('pages a single pull at the cap and still delivers every item, one request per page (the client pages the same way)', async () => {
  const ids = new Set<string>();
  let pages = 0;
  for (let since = 0; ; pages += 1) {
    const answer = await query(server.url, 'sync.pull', { since, limit: 5000 }, token);
    const page = data<{ items: ServerItem[]; hasMore: boolean }>(answer);
    expect(JSON.stringify(answer.body).length).toBeLessThanOrEqual(5 * MiB);
    for (const item of page.items) ids.add(item.id);
    if (!page.hasMore) break;
    expect(page.items.length).toBeGreaterThan(0);
    since = page.items.at(-1)!.revision;
  }
  expect(ids.size).toBe(ITEMS);
  expect(pages).toBeGreaterThanOrEqual(6);
}, 60_000);
