// Live push through real server processes: a push acknowledged by one process is heard on a stream
// held by another process on the same PostgreSQL database (LISTEN/NOTIFY) within a second; and a
// process that shuts down closes its streams with "going away" (1001) so clients reconnect, and
// never logs the token.
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENTS_PROTOCOL } from '../../src/http/event-stream';
import { newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { TEST_SECRET } from '../helpers/test-app';
import { createServerDatabase, testDatabaseUrl } from '../helpers/test-database';
import { data, mutate } from '../helpers/trpc-http';

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function replicas(count: number, eventStreams?: { perAccount: number }): Promise<SpawnedServer[]> {
  const shared = await createServerDatabase();
  cleanup.push(() => shared.close());
  const config = { secret: TEST_SECRET, rateLimit: { requests: 1_000_000 }, ...(eventStreams ? { eventStreams } : {}) };
  const servers = await Promise.all(Array.from({ length: count }, () => spawnServer({ database: shared.database, config })));
  cleanup.push(() => Promise.all(servers.map((server) => server.stop())));
  return servers;
}

/** A stream on `server`, with its messages in order and its close code. */
async function listen(server: SpawnedServer, token: string) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/events`, [EVENTS_PROTOCOL, `bearer.${token}`]);
  cleanup.push(async () => socket.terminate());
  const messages: { type: string; revision: number }[] = [];
  socket.on('message', (raw) => messages.push(JSON.parse((raw as Buffer).toString()) as { type: string; revision: number }));
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { messages, closed };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('closes its streams with "going away" when the process shuts down, and takes its limit from the config file', async () => {
  const [server] = (await replicas(1, { perAccount: 1 })) as [SpawnedServer];
  const { token } = data(await mutate(server.url, 'account.register', registration()));
  const stream = await listen(server, token);
  await until(() => stream.messages.length === 1, 2_000);
  await expect(listen(server, token)).rejects.toThrow('429');
  const exited = server.stop();
  expect(await stream.closed).toBe(1001);
  expect(await exited).toBe(0);
  // The stream is logged by address and status; the token (a subprotocol) is never written.
  expect(server.logs()).toContainEqual(expect.objectContaining({ event: 'event_stream', status: 101 }));
  expect(server.output()).not.toContain(token);
});

it.runIf(testDatabaseUrl() !== undefined)('hears within a second a push acknowledged by another process (PostgreSQL)', async () => {
  const [a, b] = (await replicas(2)) as [SpawnedServer, SpawnedServer];
  const { token } = data(await mutate(a.url, 'account.register', registration()));
  const stream = await listen(b, token);
  await until(() => stream.messages.length === 1, 2_000);
  expect(stream.messages[0]).toEqual({ type: 'revision', revision: 0 });

  const pushedAt = Date.now();
  const pushed = data(await mutate(a.url, 'sync.push', { items: [newItem(), newItem(), newItem()] }, token));
  await until(() => stream.messages.length === 2, 1_000);
  expect(stream.messages[1]).toEqual({ type: 'revision', revision: pushed.revision });
  expect(Date.now() - pushedAt).toBeLessThan(1_000);
});
