// The sync.push fast path (src/http/fast-push.ts) must answer exactly like the tRPC procedure, and
// must leave every other request — batches, chunked bodies, bad tokens, bad input — to tRPC, with the
// body it has read handed over intact (tRPC then refuses it with its own messages).
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryFastPush } from '../../src/http/fast-push';
import { sessionIdFromToken } from '../../src/sessions/sessions';
import { editItem, envelopes, newItem, registration } from '../helpers/fixtures';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { DAY, errorCode, type TestApp } from '../helpers/test-app';
import { data, mutate } from '../helpers/trpc-http';
import { fastPathWorld } from '../helpers/fast-path-server';

describe('tryFastPush', () => {
  let t: TestApp;
  let token: string;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, token, base, close } = await fastPathWorld(tryFastPush, (req, res) => {
      const body = (req as IncomingMessage & { body?: string }).body;
      res.end(JSON.stringify({ delegated: true, body: body ?? null }));
    }));
  });
  afterAll(() => close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as any, type: r.headers.get('content-type'), vary: r.headers.get('vary') }));

  it('answers a valid push as the procedure would, writes the items, and reports stale ones as conflicts', async () => {
    const items = [newItem(), newItem(), newItem()];
    const answer = await post('sync.push', JSON.stringify({ items }));
    expect(answer.status).toBe(200);
    expect([answer.type, answer.vary]).toEqual(['application/json', 'trpc-accept, accept']);
    const before = answer.json.result.data.revision as number;
    expect(answer.json).toEqual({
      result: { data: { accepted: items.map((item, n) => ({ id: item.id, revision: before - 2 + n })), conflicts: [], revision: before } },
    });
    const pulled = await t.caller(token).sync.pull({ since: before - 3 });
    expect(pulled.resetRequired === false && pulled.items.map((item) => [item.id, item.deleted ? null : item.envelopes])).toEqual(
      items.map((item) => [item.id, item.envelopes]),
    );

    // A second device's edit based on revision 0 of an item that now exists is a conflict, with the
    // server's version: the same answer the procedure gives for the same push.
    const stale = { items: [{ ...newItem(), id: items[0]!.id }, editItem(items[1]!.id, before - 1)] };
    const fast = await post('sync.push', JSON.stringify(stale));
    expect(fast.json.result.data.accepted).toEqual([{ id: items[1]!.id, revision: before + 1 }]);
    expect(fast.json.result.data.conflicts).toEqual([
      { id: items[0]!.id, current: expect.objectContaining({ id: items[0]!.id, revision: before - 2 }) },
    ]);
    const viaProcedure = await t.caller(token).sync.push(stale);
    expect(viaProcedure.conflicts.map((conflict) => conflict.id)).toEqual([items[0]!.id, items[1]!.id]);
  });

  it('leaves batches, chunked bodies, other content types, bad tokens, bad JSON and bad input to tRPC, handing the body over', async () => {
    const valid = JSON.stringify({ items: [newItem()] });
    const malformed = JSON.stringify({ items: [newItem({ envelopes: { ...envelopes(), key: 'Zh' } })] });
    const cases = [
      await post('sync.push?batch=1', JSON.stringify({ 0: { items: [newItem()] } })),
      await post('sync.pull', valid),
      await post('sync.push', valid, { authorization: '' }),
      await post('sync.push', valid, { authorization: `Bearer ${'a'.repeat(32)}` }),
      await post('sync.push', valid, { 'trpc-accept': 'application/jsonl' }),
      await post('sync.push', valid, { 'content-type': 'text/plain' }),
      await post('sync.push', '{"items":['),
      await post('sync.push', malformed),
      await post('sync.push', JSON.stringify({ items: [] })),
      await post('sync.push', JSON.stringify({ items: [{ ...newItem(), id: 'äöü-€-😀' }] })),
    ];
    expect(cases.map((answer) => answer.json.delegated)).toEqual(cases.map(() => true));
    // Those it read are handed over byte for byte; those it did not look at are left unread.
    expect(cases.map((answer) => answer.json.body)).toEqual([
      null,
      null,
      null,
      valid,
      null,
      null,
      '{"items":[',
      malformed,
      '{"items":[]}',
      cases.at(-1)!.json.body,
    ]);
    // Text that is not ASCII is read as UTF-8.
    expect(JSON.parse(cases.at(-1)!.json.body as string).items[0].id).toBe('äöü-€-😀');

    const chunked = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${base}sync.push`,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.write(valid);
      req.end();
    });
    expect(JSON.parse(chunked)).toEqual({ delegated: true, body: null });
  });

  it('leaves an expired or revoked session to tRPC (which refuses it), deleting the expired one', async () => {
    const { token: expiring } = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
    const { token: revoked } = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
    await t.caller(revoked).session.logout();
    const body = JSON.stringify({ items: [newItem()] });
    const started = t.clock.now;
    try {
      t.clock.now += 31 * DAY;
      expect((await post('sync.push', body, { authorization: `Bearer ${expiring}` })).json).toEqual({ delegated: true, body });
      expect(await t.app.storage.sessions.find(sessionIdFromToken(expiring))).toBeNull();
      expect((await post('sync.push', body, { authorization: `Bearer ${revoked}` })).json).toEqual({ delegated: true, body });
      expect(await errorCode(t.caller(expiring).sync.push({ items: [newItem()] }))).toBe('UNAUTHORIZED');
    } finally {
      t.clock.now = started;
    }
  });
});

describe('sync.push on the running server', () => {
  let server: SpawnedServer;
  let token: string;
  beforeAll(async () => {
    server = await spawnServer();
    token = data(await mutate(server.url, 'account.register', registration())).token;
  });
  afterAll(async () => {
    await server.stop();
  });

  const post = (path: string, body: string, token: string | undefined) =>
    fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    }).then(async (r) => {
      const text = await r.text();
      const headers = { type: r.headers.get('content-type'), length: r.headers.get('content-length'), chunked: r.headers.get('transfer-encoding') };
      return { status: r.status, json: JSON.parse(text) as any, size: Buffer.byteLength(text), ...headers };
    });

  it('answers a plain push (fast path) and a batched push (tRPC) alike, and refuses bad ones through tRPC', async () => {
    const fast = await post('sync.push', JSON.stringify({ items: [newItem(), newItem()] }), token);
    const batched = await post('sync.push?batch=1', JSON.stringify({ 0: { items: [newItem(), newItem()] } }), token);
    expect([fast.status, batched.status]).toEqual([200, 200]);
    expect(fast.type).toBe(batched.type);
    expect([fast.length, fast.chunked]).toEqual([String(fast.size), null]);
    expect(fast.json.result.data.revision).toBe(2);
    expect(batched.json[0].result.data.revision).toBe(4);
    expect(Object.keys(fast.json.result.data)).toEqual(Object.keys(batched.json[0].result.data));

    const unauthenticated = await post('sync.push', JSON.stringify({ items: [newItem()] }), undefined);
    expect([unauthenticated.status, unauthenticated.json.error.data.code]).toEqual([401, 'UNAUTHORIZED']);
    // A non-canonical envelope ('Zh' decodes like 'Zg') is refused with a message naming where.
    const malformed = await post('sync.push', JSON.stringify({ items: [newItem({ envelopes: { ...envelopes(), overview: 'Zh' } })] }), token);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toBe('Invalid input: items.0.envelopes.overview: must be canonical base64url (RFC 4648 §5, no padding)');
    const notJson = await post('sync.push', '{"items":[', token);
    expect(notJson.status).toBe(400);
    // Nothing of the refused pushes was written.
    const pulled = await fetch(`${server.url}/trpc/sync.pull?input=${encodeURIComponent('{"since":0}')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await pulled.json()) as any).result.data.items).toHaveLength(4);
  });

  it('hands out consecutive revisions to pushes in flight at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post('sync.push', JSON.stringify({ items: Array.from({ length: 25 }, () => newItem()) }), token)),
    );
    const revisions = answers.flatMap((answer) => answer.json.result.data.accepted.map((accepted: { revision: number }) => accepted.revision));
    expect(revisions.sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: 200 }, (_, n) => n + 5));
  });
});
