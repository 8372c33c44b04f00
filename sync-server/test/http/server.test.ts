// The real server process over HTTP: health, bearer auth, input errors as 4xx, the body limit,
// metadata-only logs, per-address rate limiting, graceful shutdown with a request in flight.
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '@keyhold/shared/sync/protocol-primitives';
import { newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { data, mutate, query } from '../helpers/trpc-http';
import { migrations } from '../../src/storage/sqlite/migrations';

const LATEST_SCHEMA = migrations.at(-1)!.version;

describe('a running server', () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer();
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('reports its health', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: '0.1.0', database: 'ok', schemaVersion: LATEST_SCHEMA });
  });

  it('serves the sync flow with a bearer token, and logs metadata only', async () => {
    const account = registration({ email: 'Carol.Logs@example.org' });
    const grant = data(await mutate(server.url, 'account.register', account));
    const item = newItem();
    expect(data(await mutate(server.url, 'sync.push', { items: [item] }, grant.token))).toMatchObject({ revision: 1 });
    const pulled = data(await query(server.url, 'sync.pull', { since: 0 }, grant.token));
    expect(pulled.items).toEqual([expect.objectContaining({ id: item.id, envelopes: item.envelopes })]);
    const login = data(await mutate(server.url, 'account.login', { email: account.email, authKey: account.authKey, deviceName: 'Phone' }));
    await query(server.url, 'account.prelogin', { email: account.email });

    await new Promise((resolve) => setTimeout(resolve, 50));
    const output = server.output();
    for (const secret of [grant.token, login.token, account.authKey, 'carol.logs@example.org', 'Carol.Logs', item.envelopes!.details]) {
      expect(output).not.toContain(secret);
    }
    const lines = server.logs().filter((line) => line.event === 'request' && line.procedure === 'sync.push');
    expect(lines).toEqual([
      expect.objectContaining({ requestId: expect.any(String), method: 'POST', status: 200, durationMs: expect.any(Number), ip: '127.0.0.1' }),
    ]);
  });

  it('answers 401 without a valid bearer token', async () => {
    expect((await query(server.url, 'session.list')).status).toBe(401);
    expect((await query(server.url, 'session.list', undefined, 'a'.repeat(32))).status).toBe(401);
    const basic = await fetch(`${server.url}/trpc/session.list`, { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
  });

  it('answers bad input with a 4xx and a clear message', async () => {
    const malformed = await fetch(`${server.url}/trpc/account.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "a@b.c", ',
    });
    expect(malformed.status).toBe(400);

    const wrongTypes = await mutate(server.url, 'account.login', { email: 42, authKey: 'AAAA', deviceName: 'x', admin: true });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.message).toMatch(/^Invalid input: .*email.*authKey.*Unrecognized key/);

    expect((await mutate(server.url, 'account.nope', {})).status).toBe(404);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
    expect((await query(server.url, 'account.login', {})).status).toBe(405);
  });

  it('refuses bodies over 10 MiB with 413, whether declared or streamed', async () => {
    const declared = await fetch(`${server.url}/trpc/sync.push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1),
    });
    expect(declared.status).toBe(413);

    // Streamed without a length to a public procedure: tRPC counts bytes as they arrive.
    const streamed = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/trpc/account.login`);
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_REQUEST_BODY_BYTES) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('health', () => {
  it('answers 503 "schema_mismatch" once another server migrated the database past this one', async () => {
    const server = await spawnServer();
    try {
      const db = new Database(join(server.dataDir, 'keyhold.sqlite'));
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from a newer server', 0)").run();
      db.close();
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'error', database: 'schema_mismatch', schemaVersion: 99 });
    } finally {
      await server.stop();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once an address spends its budget; X-Forwarded-For is not trusted by default', async () => {
    const server = await spawnServer({ config: { rateLimit: { requests: 15, windowSeconds: 60 } } });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 17; n += 1) {
        const response = await fetch(`${server.url}/trpc/account.prelogin?input=${encodeURIComponent('{"email":"a@b.c"}')}`, {
          headers: { 'x-forwarded-for': `198.51.100.${n}` },
        });
        statuses.push(response.status);
        if (response.status === 429) {
          const seconds = Number(response.headers.get('retry-after'));
          expect(seconds).toBeGreaterThan(0);
          const { error } = (await response.json()) as { error: { message: string; data: { retryAfterSeconds?: number } } };
          expect(error.message).toMatch(/Too many requests/);
          expect(error.data.retryAfterSeconds).toBe(seconds);
        } else {
          await response.text();
        }
      }
      expect(statuses).toEqual([...Array(15).fill(200), 429, 429]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('SIGTERM', () => {
  it('stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const server = await spawnServer();
    const grant = data(await mutate(server.url, 'account.register', registration()));
    const item = newItem();
    const body = Buffer.from(JSON.stringify({ items: [item] }));

    const url = new URL(`${server.url}/trpc/sync.push`);
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${grant.token}` },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 20));
      setTimeout(() => {
        server.proc.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(20)), 300);
      }, 200);
    });

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).result.data.accepted).toEqual([{ id: item.id, revision: 1 }]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(await server.exited).toBe(0);
    expect(server.logs().map((line) => line.event)).toEqual(expect.arrayContaining(['shutting_down', 'stopped']));

    const again = await spawnServer({ dataDir: server.dataDir });
    try {
      const pulled = data(await query(again.url, 'sync.pull', { since: 0 }, grant.token));
      expect(pulled.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    } finally {
      await again.stop();
    }
  });
});
