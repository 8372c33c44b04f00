// Live push against the REAL sync server process: device B hears A's push on the event stream and
// pulls it within a second, with no poll; it reconnects after the server restarts and catches up;
// it does not listen while locked; and while it cannot connect, it keeps trying (the poll stays on).
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LoginItem } from '@keyhold/shared/items/item';
import { createPushListener, eventStreamUrl, type PushListener, type PushSocket } from '../../src/sync/push-listener';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createDevice, itemNamed, login, logInWith, signUpWith, type Clock, type Device } from './helpers/device';

let server!: RealServer;
let accounts = 0;
useRealServer((started) => (server = started));
const listeners: PushListener[] = [];
afterEach(() => {
  for (const listener of listeners.splice(0)) listener.stop();
});

const clock: Clock = { now: 1_750_000_000_000 };
const connect = (url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as PushSocket;

async function pair(): Promise<{ a: Device; b: Device }> {
  const email = `push${++accounts}@example.org`;
  const a = createDevice({ clock, name: 'A' });
  expect(await signUpWith(a, server.url, [login({ name: 'GitHub', password: 'before' })], { email, inviteToken: server.invite() })).toMatchObject({
    ok: true,
  });
  const b = createDevice({ clock, name: 'B' });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  return { a, b };
}

/** B's listener; `pulls` records when each sync it started finished. */
function listen(device: Device) {
  const pulls: number[] = [];
  const listener = createPushListener({
    target: () => device.engine.eventStreamTarget(),
    cursor: () => device.engine.cursor(),
    syncNow: () => void device.engine.syncNow().then(() => pulls.push(Date.now())),
    connect,
    random: () => 0.5,
  });
  listeners.push(listener);
  listener.start();
  return { listener, pulls };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const passwordOn = async (device: Device) => ((await itemNamed(device, 'GitHub')) as LoginItem | undefined)?.password;

async function editOnA(a: Device, password: string): Promise<void> {
  const item = (await itemNamed(a, 'GitHub')) as LoginItem;
  await a.items.save({ ...item, password });
}

it("B pulls A's push within a second of it, without waiting for the poll", async () => {
  const { a, b } = await pair();
  const { listener, pulls } = listen(b);
  await until(() => listener.state() === 'open', 5_000);
  // The revision announced at open is the one B already has: no pull for it.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(pulls).toEqual([]);
  const runsBefore = b.scheduler.requests.length;

  await editOnA(a, 'after');
  expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
  const pushedAt = Date.now();
  await until(async () => (await passwordOn(b)) === 'after', 1_000);
  expect(Date.now() - pushedAt).toBeLessThan(1_000);
  await until(() => pulls.length === 1, 1_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(pulls).toHaveLength(1);
  // Nothing was scheduled on B: the stream, not a timer, started the pull.
  expect(b.scheduler.requests.length).toBe(runsBefore);
}, 60_000);

it('reconnects after the server restarts and catches up with what it missed', async () => {
  const { a, b } = await pair();
  const { listener } = listen(b);
  await until(() => listener.state() === 'open', 5_000);
  await server.restart();
  await editOnA(a, 'while-b-was-away');
  expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
  await until(async () => (await passwordOn(b)) === 'while-b-was-away', 10_000);
  expect(listener.state()).toBe('open');
}, 60_000);

it('does not listen while the vault is locked, and stops when told (lock, sign-out)', async () => {
  const { b } = await pair();
  await b.vault.lock();
  const { listener } = listen(b);
  await until(() => listener.state() === 'stopped', 1_000);
  await b.vault.unlock('correct horse battery staple 42');
  listener.start();
  await until(() => listener.state() === 'open', 5_000);
  listener.stop();
  expect(listener.state()).toBe('stopped');
}, 60_000);

it('keeps retrying with backoff while the server cannot be reached; the periodic poll stays on', async () => {
  const { b } = await pair();
  const attempts: string[] = [];
  const listener = createPushListener({
    target: async () => ({ url: eventStreamUrl('http://127.0.0.1:9'), token: 'a'.repeat(32) }),
    cursor: () => b.engine.cursor(),
    syncNow: () => undefined,
    connect: (url, protocols) => {
      attempts.push(url);
      return connect(url, protocols);
    },
    random: () => 0.5,
  });
  listeners.push(listener);
  listener.start();
  await until(() => attempts.length === 2, 3_000);
  expect(listener.state()).not.toBe('open');
  expect(attempts[0]).toBe('ws://127.0.0.1:9/events');
  expect(b.scheduler.periodic).toBe(true);
}, 60_000);
