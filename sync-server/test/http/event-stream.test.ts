// Live push over the in-process HTTP front (the real createHttpServer, on the configured test
// database): the event stream refuses bad tokens before upgrading, delivers "revision N" within a
// second of another device's push, carries nothing else, and enforces its connection limits.
import { connect as connectTcp, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHttpServer, type HttpFront } from '../../src/http/create-http-server';
import { EVENTS_PROTOCOL, type EventStreamLimits } from '../../src/http/event-stream';
import { createIpRateLimiter } from '../../src/limits/ip-rate-limiter';
import { newItem, registration } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

let test: TestApp;
let front: HttpFront;
let url: string;
const sockets: WebSocket[] = [];

async function serve(limits: Partial<EventStreamLimits> = {}, options: { headersTimeoutMs?: number } = {}): Promise<void> {
  front = createHttpServer({
    app: test.app,
    version: 'test',
    trustProxy: false,
    rateLimiter: createIpRateLimiter({ requests: 1_000, windowSeconds: 60 }),
    eventLimits: limits,
    ...options,
  });
  await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  accounts = 0;
  test = await createTestApp();
  test.clock.now = Date.now();
  await test.app.events.start();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  front.beginDrain();
  front.server.closeAllConnections();
  await new Promise((resolve) => front.server.close(resolve));
  await test.app.events.stop();
  await test.close();
});

type Opened = { socket: WebSocket; messages: unknown[]; next(): Promise<unknown> };

/** Opens the stream; resolves when open, or rejects with the HTTP status of the refusal. */
function connect(protocols: string[], path = '/events'): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}${path}`, protocols);
    sockets.push(socket);
    const messages: unknown[] = [];
    const waiting: ((message: unknown) => void)[] = [];
    socket.on('message', (raw) => {
      const message: unknown = JSON.parse((raw as Buffer).toString());
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else messages.push(message);
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        messages,
        next: () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((done) => waiting.push(done))),
      }),
    );
  });
}

let accounts = 0;
/** A new account's session token (the first account needs no invite, later ones do). */
const signedIn = async () => (await test.caller().account.register(registration(accounts++ === 0 ? {} : { inviteToken: await test.invite() }))).token;

it('refuses a missing, malformed or unknown token before upgrading', async () => {
  await serve();
  await expect(connect([EVENTS_PROTOCOL])).rejects.toThrow('refused 401');
  await expect(connect([EVENTS_PROTOCOL, 'bearer.not-a-token'])).rejects.toThrow('refused 401');
  await expect(connect([EVENTS_PROTOCOL, `bearer.${'a'.repeat(32)}`])).rejects.toThrow('refused 401');
  await expect(connect([EVENTS_PROTOCOL], '/elsewhere')).rejects.toThrow('refused 404');
  expect(front.server.listenerCount('upgrade')).toBe(1);
});

it("hears another device's push within a second, as a revision and nothing else", async () => {
  await serve();
  const token = await signedIn();
  const stream = await connect([EVENTS_PROTOCOL, `bearer.${token}`]);
  expect(stream.socket.protocol).toBe(EVENTS_PROTOCOL);
  expect(await stream.next()).toEqual({ type: 'revision', revision: 0 });

  const item = newItem();
  const pushedAt = Date.now();
  await test.caller(token).sync.push({ items: [item, newItem()] });
  expect(await stream.next()).toEqual({ type: 'revision', revision: 2 });
  expect(Date.now() - pushedAt).toBeLessThan(1_000);

  // Another account's push is not heard.
  const other = await signedIn();
  await test.caller(other).sync.push({ items: [newItem()] });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stream.messages).toEqual([]);
});

it('drops a stream whose session was revoked', async () => {
  await serve({ heartbeatMs: 100 });
  const token = await signedIn();
  const stream = await connect([EVENTS_PROTOCOL, `bearer.${token}`]);
  const closed = new Promise<number>((resolve) => stream.socket.once('close', resolve));
  await test.caller(token).session.revoke({ sessionId: (await test.caller(token).session.list())[0]!.id });
  expect(await closed).toBe(4401);
});

it('limits streams per account and per address', async () => {
  await serve({ perAccount: 2, perAddress: 3 });
  const token = await signedIn();
  await connect([EVENTS_PROTOCOL, `bearer.${token}`]);
  await connect([EVENTS_PROTOCOL, `bearer.${token}`]);
  await expect(connect([EVENTS_PROTOCOL, `bearer.${token}`])).rejects.toThrow('refused 429');
  const other = await signedIn();
  await connect([EVENTS_PROTOCOL, `bearer.${other}`]);
  // The address now holds three: even a valid token is refused, and so is a flood without one.
  await expect(connect([EVENTS_PROTOCOL, `bearer.${await signedIn()}`])).rejects.toThrow('refused 429');
  await expect(connect([EVENTS_PROTOCOL])).rejects.toThrow('refused 429');
  // Closing one frees its place.
  sockets[0]!.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await connect([EVENTS_PROTOCOL, `bearer.${other}`]);
});

it('answers a keep-alive "ping", and drops a client that sends anything else or pings in a loop', async () => {
  await serve();
  const token = await signedIn();
  const chatty = await connect([EVENTS_PROTOCOL, `bearer.${token}`]);
  expect(await chatty.next()).toEqual({ type: 'revision', revision: 0 });
  chatty.socket.send('ping');
  expect(await chatty.next()).toEqual({ type: 'pong' });
  const flooded = new Promise<number>((resolve) => chatty.socket.once('close', resolve));
  chatty.socket.send('ping');
  expect(await flooded).toBe(1003);

  const talker = await connect([EVENTS_PROTOCOL, `bearer.${token}`]);
  const closed = new Promise<number>((resolve) => talker.socket.once('close', resolve));
  talker.socket.send('hello');
  expect(await closed).toBe(1003);
});

it('drops a client that stops answering pings', async () => {
  await serve({ heartbeatMs: 100 });
  const token = await signedIn();
  const socket = new WebSocket(`${url}/events`, [EVENTS_PROTOCOL, `bearer.${token}`], { autoPong: false });
  sockets.push(socket);
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  expect(await closed).toBe(1006);
});

it('drops a client that trickles its handshake instead of sending it', async () => {
  await serve({}, { headersTimeoutMs: 500 });
  const port = Number(new URL(url).port);
  const socket = connectTcp(port, '127.0.0.1');
  const startedAt = Date.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n`);
  await closed;
  expect(answer).toMatch(/^HTTP\/1.1 408/);
  expect(Date.now() - startedAt).toBeLessThan(2_000);
});
