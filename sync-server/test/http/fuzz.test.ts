// Sends random malformed input to every procedure of the real server (loopback, bounded count,
// seeded so a failure can be replayed) and requires that no response is a 5xx and that each
// error says something. Inputs are valid samples with one part mangled, random JSON values, and
// raw bodies/headers that are not JSON or not tRPC.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appRouter } from '../../src/router';
import { b64, kdfParams, newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { createServerDatabase } from '../helpers/test-database';
import { data, mutate } from '../helpers/trpc-http';

const SEED = Number(process.env.FUZZ_SEED ?? 20260101);
const CASES_PER_PROCEDURE = 40;

/** mulberry32: a small seeded PRNG (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const int = (max: number) => Math.floor(random() * max);

const header = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) };
/** A valid input per procedure, built so that none can do harm if it happened to pass. */
const samples: Record<string, unknown> = {
  'account.prelogin': { email: 'someone@example.org' },
  'account.register': registration(),
  'account.login': { email: 'someone@example.org', authKey: b64(32), deviceName: 'Fuzz' },
  'account.changeMasterPassword': { currentAuthKey: b64(32), newAuthKey: b64(32), kdf: kdfParams(), header },
  'account.resetMasterPassword': { newAuthKey: b64(32), kdf: kdfParams(), header: { ...header, stamp: b64(40) } },
  'account.delete': { authKey: b64(32) },
  'session.list': undefined,
  'session.revoke': { sessionId: 'f'.repeat(64) },
  'session.revokeOthers': undefined,
  'session.logout': undefined,
  'vault.getHeader': undefined,
  'vault.putHeader': { baseRevision: 1, header },
  'vault.putNodes': { nodes: [{ kind: 'mid', bytes: b64(1024) }] },
  'vault.getNodes': { hashes: [b64(16)] },
  'vault.getSubtrees': { hashes: [b64(16), b64(16)] },
  'vault.putSnapshot': { snapshotId: b64(16), index: 0, count: 2, chunk: b64(300) },
  'vault.getSnapshot': { snapshotId: b64(16), index: 0 },
  'sync.pull': { since: 0 },
  'sync.push': { items: [newItem(), newItem()] },
};

function randomString(): string {
  return pick([
    '',
    ' ',
    'AAAA==',
    'not base64!',
    '\u0000\u0001',
    '😀'.repeat(int(50)),
    'a'.repeat(int(5000)),
    '-1',
    '__proto__',
    randomUUID().toUpperCase(),
    '<script>',
    "' OR 1=1 --",
    'Bearer x',
  ]);
}

function randomValue(depth = 0): unknown {
  switch (int(depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return pick([-1, 0, 1.5, -0, 2 ** 53, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2]);
    case 2:
      return randomString();
    case 3:
      return random() < 0.5;
    case 4:
      return pick<unknown>([{}, [], [[]], { constructor: 1 }, JSON.parse('{"__proto__":{"admin":true}}')]);
    case 5:
      return Array.from({ length: int(4) }, () => randomValue(depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(4) }, () => [randomString().slice(0, 20), randomValue(depth + 1)]));
  }
}

/** The sample with one leaf replaced, removed, or an extra key added, somewhere inside. */
function mangle(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || random() < 0.25 * depth) return randomValue();
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const action = int(4);
  if (action === 0 || keys.length === 0) {
    (copy as Record<string, unknown>)[pick(['admin', 'accountId', 'revision', 'x'])] = randomValue();
  } else if (action === 1 && !Array.isArray(copy)) {
    delete copy[pick(keys)];
  } else {
    const key = pick(keys);
    (copy as Record<string, unknown>)[key] = mangle((copy as Record<string, unknown>)[key], depth + 1);
  }
  return copy;
}

type Probe = { path: string; method: 'GET' | 'POST'; url: string; body?: string; headers: Record<string, string> };

function probesFor(server: string, path: string, type: string, token: string): Probe[] {
  const method = type === 'query' ? 'GET' : 'POST';
  const probes: Probe[] = [];
  for (let n = 0; n < CASES_PER_PROCEDURE; n += 1) {
    const input = n % 3 === 0 ? randomValue() : mangle(samples[path]);
    const auth: Record<string, string> =
      n % 4 === 0 ? {} : { authorization: n % 7 === 0 ? pick(['Bearer', 'Bearer  x', `bearer ${token}`, 'Basic Og==']) : `Bearer ${token}` };
    const json = JSON.stringify(input) ?? 'null';
    probes.push(
      method === 'GET'
        ? { path, method, url: `${server}/trpc/${path}?input=${encodeURIComponent(json)}`, headers: auth }
        : { path, method, url: `${server}/trpc/${path}`, body: json, headers: { 'content-type': 'application/json', ...auth } },
    );
  }
  // Raw garbage: not JSON, truncated JSON, deep nesting, the wrong content type, a broken batch.
  const raws = ['{', '{"email":', '\u0000\u00ff', '['.repeat(20000) + ']'.repeat(20000), '"unterminated', 'NaN', '1e999'];
  for (const raw of raws) {
    probes.push(
      method === 'GET'
        ? { path, method, url: `${server}/trpc/${path}?input=${encodeURIComponent(raw)}`, headers: { authorization: `Bearer ${token}` } }
        : {
            path,
            method,
            url: `${server}/trpc/${path}`,
            body: raw,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          },
    );
  }
  probes.push({
    path,
    method: 'POST',
    url: `${server}/trpc/${path}`,
    body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
  });
  probes.push({
    path,
    method,
    url: `${server}/trpc/${path},${path}?batch=1&input=%7B%220%22%3A1%7D`,
    body: method === 'POST' ? '[1,2,3]' : undefined,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  probes.push({
    path,
    method,
    url: `${server}/trpc/${path}?input=%ZZ`,
    body: method === 'POST' ? '{}' : undefined,
    headers: { 'content-type': 'application/json' },
  });
  return probes;
}

// On the database KEYHOLD_TEST_DATABASE selects (npm test runs this file on PostgreSQL too).
let server: SpawnedServer;
let database: Awaited<ReturnType<typeof createServerDatabase>>;
beforeAll(async () => {
  database = await createServerDatabase();
  server = await spawnServer({ database: database.database, config: { rateLimit: { requests: 1_000_000 } } });
});
afterAll(async () => {
  await server.stop();
  await database.close();
});

it('every procedure has a fuzz sample', () => {
  expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(samples).sort());
});

it(`answers random malformed input with 4xx, never 5xx (seed ${SEED})`, async () => {
  // The first account exists, so register samples are refused; the token is a real session.
  const { token } = data(await mutate(server.url, 'account.register', registration()));
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
  const probes = procedures.flatMap(([path, procedure]) => probesFor(server.url, path, procedure._def.type, token));
  probes.push({ path: 'unknown', method: 'POST', url: `${server.url}/trpc/account.nothing`, body: '{}', headers: {} });

  const failures: string[] = [];
  let index = 0;
  const worker = async () => {
    while (index < probes.length) {
      const probe = probes[index++]!;
      const response = await fetch(probe.url, { method: probe.method, headers: probe.headers, body: probe.body });
      const text = await response.text();
      const described = `${probe.method} ${probe.url.slice(0, 120)} ${probe.body?.slice(0, 120) ?? ''} → ${response.status} ${text.slice(0, 200)}`;
      if (response.status >= 500) failures.push(described);
      else if (response.status >= 400 && !/"message":"[^"]+/.test(text)) failures.push(`no message: ${described}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  expect(probes.length).toBeGreaterThan(600);
  expect(failures).toEqual([]);
  expect(server.logs().filter((line) => line.level === 'error')).toEqual([]);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
