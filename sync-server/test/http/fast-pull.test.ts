// The sync.pull fast path (src/http/fast-pull.ts) must answer exactly like the tRPC procedure, and
// must leave every other request — batches, POSTs, bad tokens, bad input — to tRPC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryFastPull } from '../../src/http/fast-pull';
import { sessionIdFromToken } from '../../src/sessions/sessions';
import { newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { DAY, errorCode, type TestApp } from '../helpers/test-app';
import { data, mutate } from '../helpers/trpc-http';
import { fastPathWorld } from '../helpers/fast-path-server';

describe('tryFastPull', () => {
  let t: TestApp;
  let token: string;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, token, base, close } = await fastPathWorld(tryFastPull, (_req, res) => res.end('delegated')));
    await t.caller(token).sync.push({ items: [newItem(), newItem(), newItem()] });
  });
  afterAll(() => close());

  const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(base + path, { headers }).then(async (r) => ({ status: r.status, text: await r.text(), type: r.headers.get('content-type') }));
  const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify(value))}`;

  it('answers a valid pull with the same data the procedure returns', async () => {
    for (const pull of [{ since: 0 }, { since: 1, limit: 1 }, { since: 3 }]) {
      const answer = await get(`sync.pull${input(pull)}`);
      expect(answer.status).toBe(200);
      expect(answer.type).toBe('application/json');
      expect(JSON.parse(answer.text)).toEqual({ result: { data: await t.caller(token).sync.pull(pull) } });
    }
  });

  it("answers each device with its own account's items", async () => {
    const other = (await t.caller().account.register(registration({ inviteToken: await t.invite() }))).token;
    await t.caller(other).sync.push({ items: [newItem()] });
    const mine = JSON.parse((await get(`sync.pull${input({ since: 0 })}`)).text);
    const theirs = JSON.parse((await get(`sync.pull${input({ since: 0 })}`, { authorization: `Bearer ${other}` })).text);
    expect(mine).toEqual({ result: { data: await t.caller(token).sync.pull({ since: 0 }) } });
    expect(theirs).toEqual({ result: { data: await t.caller(other).sync.pull({ since: 0 }) } });
    expect([mine.result.data.items.length, theirs.result.data.items.length]).toEqual([3, 1]);
  });

  // The fast path checks the session itself (authedProcedure's rules): the page must go out only
  // for a session that authedProcedure would accept, with the same side effects.
  it('leaves an expired or revoked session to tRPC (which refuses it) and deletes the expired one', async () => {
    const { token: expiring } = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
    const { token: revoked } = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
    await t.caller(revoked).session.logout();
    const started = t.clock.now;
    try {
      t.clock.now += 31 * DAY; // 30 idle days: expired
      expect((await get(`sync.pull${input({ since: 0 })}`, { authorization: `Bearer ${expiring}` })).text).toBe('delegated');
      expect(await t.app.storage.sessions.find(sessionIdFromToken(expiring))).toBeNull();
      expect((await get(`sync.pull${input({ since: 0 })}`, { authorization: `Bearer ${revoked}` })).text).toBe('delegated');
      expect(await errorCode(t.caller(expiring).sync.pull({ since: 0 }))).toBe('UNAUTHORIZED');
    } finally {
      t.clock.now = started;
    }
  });

  it('renews a session due for it, as an authenticated procedure does', async () => {
    const { token: device } = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
    const started = t.clock.now;
    try {
      t.clock.now += 20 * DAY; // 10 days left: renewed for 30 days from now
      expect((await get(`sync.pull${input({ since: 0 })}`, { authorization: `Bearer ${device}` })).status).toBe(200);
      const stored = await t.app.storage.sessions.find(sessionIdFromToken(device));
      expect(stored).toMatchObject({ expiresAt: t.clock.now + 30 * DAY, lastUsedAt: t.clock.now });
    } finally {
      t.clock.now = started;
    }
  });

  it('leaves batches, other procedures, bad tokens and bad input to tRPC', async () => {
    const delegated = [
      await get(`sync.pull?batch=1&input=${encodeURIComponent('{"0":{"since":0}}')}`),
      await get(`session.list`),
      await get(`sync.pull${input({ since: 0 })}`, {}),
      await get(`sync.pull${input({ since: 0 })}`, { authorization: `Bearer ${'a'.repeat(32)}` }),
      await get(`sync.pull${input({ since: 0 })}`, { authorization: `Bearer ${token}`, 'trpc-accept': 'application/jsonl' }),
      await get(`sync.pull${input({ since: -1 })}`),
      await get(`sync.pull${input({ since: 0, extra: 1 })}`),
      await get(`sync.pull?input=%7B`),
      await get(`sync.pull`),
    ];
    expect(delegated.map((answer) => answer.text)).toEqual(delegated.map(() => 'delegated'));
  });
});

describe('the running server', () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers a plain pull and a batched pull (tRPC) with the same data, and errors through tRPC', async () => {
    const { token } = data(await mutate(server.url, 'account.register', registration()));
    await mutate(server.url, 'sync.push', { items: [newItem(), newItem()] }, token);
    const auth = { authorization: `Bearer ${token}` };
    const fast = await fetch(`${server.url}/trpc/sync.pull?input=${encodeURIComponent('{"since":0}')}`, { headers: auth });
    const batched = await fetch(`${server.url}/trpc/sync.pull?batch=1&input=${encodeURIComponent('{"0":{"since":0}}')}`, { headers: auth });
    expect(fast.headers.get('content-type')).toBe(batched.headers.get('content-type'));
    expect([await fast.json()]).toEqual(await batched.json());

    const unauthenticated = await fetch(`${server.url}/trpc/sync.pull?input=${encodeURIComponent('{"since":0}')}`);
    expect(unauthenticated.status).toBe(401);
    expect(((await unauthenticated.json()) as { error: { data: { code: string } } }).error.data.code).toBe('UNAUTHORIZED');
    const invalid = await fetch(`${server.url}/trpc/sync.pull?input=${encodeURIComponent('{"since":-3}')}`, { headers: auth });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid input: since/);
  });
});
