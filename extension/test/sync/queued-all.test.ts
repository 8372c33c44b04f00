// Every item queued at once (queued-all.ts): a clean slate — a sign-up — queues the whole vault with
// one record instead of an outbox row per item. What must hold: everything is pushed, the record
// goes once it is, a local edit made while its item's push is on the way is not lost, the status
// counts the queued items, and an answer lost after the server took a batch costs nothing twice —
// also when an item of that batch is edited before the next run (the journal of what was sent,
// sent-journal.ts).
// Runs against the real server.
import { expect, it } from 'vitest';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createWire } from './helpers/wire';
import type { LoginItem } from '@keyhold/shared/items/item';
import { PASSWORD, createDevice, itemNamed, logInWith, login, type Clock, type Device } from './helpers/device';
import { createSyncState } from '../../src/sync/state-records';
import { signUp } from '../../src/sync/sign-up';
import { readSent } from '../../src/sync/sent-journal';
import { MAX_PUSH_ITEMS } from '@keyhold/shared/sync/protocol-primitives';

let server!: RealServer;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_760_000_000_000 };
let accounts = 0;

async function vaultWith(device: Device, count: number): Promise<void> {
  await device.vault.create(PASSWORD);
  for (let i = 0; i < count; i++) await device.items.save(login({ name: `item ${i}` }));
}

function signUpAt(device: Device, email: string) {
  return signUp(device.account, { serverUrl: server.url, email, password: PASSWORD, deviceName: device.name, inviteToken: server.invite() });
}

async function names(device: Device): Promise<string[]> {
  return (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10_000 })).rows.map((r) => r.name).sort();
}

async function freshDeviceNames(email: string): Promise<string[]> {
  const fresh = createDevice({ clock, name: 'fresh' });
  expect(await logInWith(fresh, server.url, { email })).toMatchObject({ ok: true });
  expect((await fresh.engine.status()).reports).toEqual([]);
  return names(fresh);
}

it('a sign-up queues the vault with one record and no outbox rows; the status counts it; it goes once everything is pushed', async () => {
  const wire = createWire();
  const a = createDevice({ clock, name: 'A', fetch: wire.fetch });
  await vaultWith(a, 30);
  // Written before there was an account: each local write queued its item.
  expect(await a.db.outbox.count()).toBe(30);
  const email = `queued${++accounts}@example.org`;
  // The pushes fail: the items stay queued, by the record alone.
  wire.tamper = (procedure, data) => {
    if (procedure === 'sync.push') throw new Error('push refused by the test');
    return data;
  };
  expect(await signUpAt(a, email)).toMatchObject({ ok: false });
  const state = createSyncState(a.db);
  expect(await a.db.outbox.count()).toBe(0);
  expect(await state.get('queuedAll')).toBeDefined();
  expect((await a.engine.status()).pendingChanges).toBe(30);

  wire.tamper = null;
  expect(await a.engine.syncNow()).toMatchObject({ ok: true });
  expect(await state.get('queuedAll')).toBeUndefined();
  // Every batch sent was recorded: nothing is left in the journal of what was sent.
  expect((await readSent(a.db)).keys).toEqual([]);
  const status = await a.engine.status();
  expect([status.pendingChanges, status.held, status.reports]).toEqual([0, 0, []]);
  expect(await freshDeviceNames(email)).toEqual(await names(a));
}, 60_000);

it('an item edited while its push is on the way keeps the edit, which reaches the other devices', async () => {
  let edited = false;
  const wire = createWire();
  // The edit lands after the server took the batch and before this device records the answer.
  const fetchThenEdit: typeof fetch = async (resource, init) => {
    const response = await wire.fetch(resource, init);
    if (!edited && String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url).includes('sync.push')) {
      edited = true;
      const item = (await itemNamed(a, 'item 3'))!;
      await a.items.save({ ...item, name: 'item 3 edited mid-push' });
    }
    return response;
  };
  const a = createDevice({ clock, name: 'A', fetch: fetchThenEdit });
  await vaultWith(a, 10);
  const email = `queued${++accounts}@example.org`;
  expect(await signUpAt(a, email)).toMatchObject({ ok: true });
  expect(edited).toBe(true);
  // Meanwhile B changes another field of the same item: A's merge must still see its own edit as a
  // change against what the server took (its base), not take B's version whole.
  const b = createDevice({ clock, name: 'B' });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  const onB = (await itemNamed(b, 'item 3'))! as LoginItem;
  await b.items.save({ ...onB, username: 'changed on B' });
  expect(await b.engine.syncNow()).toMatchObject({ ok: true });
  // The edit is queued by its own outbox row, and the next run merges and pushes it.
  expect(await a.engine.syncNow()).toMatchObject({ ok: true });
  expect(await b.engine.syncNow()).toMatchObject({ ok: true });
  expect((await a.engine.status()).pendingChanges).toBe(0);
  for (const device of [a, b]) expect(await itemNamed(device, 'item 3 edited mid-push')).toMatchObject({ username: 'changed on B' });
  const seen = await freshDeviceNames(email);
  expect(seen).not.toContain('item 3');
  expect(seen).toEqual(await names(a));
}, 60_000);

it('a large push reads its rows as it goes: an item deleted while the first batch is on its way is never sent', async () => {
  // Seven groups of rows: while the first batch is on its way, at most the first four are read (three
  // batches in flight, one group ahead).
  const count = 6 * MAX_PUSH_ITEMS + 10;
  let deleted: string | null = null;
  const pushed: string[] = [];
  // The deletion lands while the first batch is on its way, before its answer.
  const deleteMidPush: typeof fetch = async (resource, init) => {
    const url = String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
    if (url.includes('sync.push')) {
      pushed.push(...(JSON.parse(init?.body as string) as { items: { id: string }[] }).items.map((item) => item.id));
      if (deleted === null) {
        // Rows are pushed in id order: the last id is in the last batch, whose rows are not read yet.
        const ids = (await a.db.items.toCollection().primaryKeys()).sort();
        deleted = ids.at(-1)!;
        await a.items.deleteForever([deleted]);
      }
    }
    return fetch(resource, init);
  };
  const a = createDevice({ clock, name: 'A', fetch: deleteMidPush });
  await a.vault.create(PASSWORD);
  await a.items.importMany(Array.from({ length: count }, (_, i) => login({ name: `item ${i}` })));
  const email = `queued${++accounts}@example.org`;
  expect(await signUpAt(a, email)).toMatchObject({ ok: true });
  expect(deleted).not.toBeNull();
  // Never on the server: neither its content nor a deletion was sent, and nothing is left to push.
  expect(pushed).toHaveLength(count - 1);
  expect(pushed).not.toContain(deleted);
  expect(await a.engine.syncNow()).toMatchObject({ ok: true });
  expect(pushed).toHaveLength(count - 1);
  const status = await a.engine.status();
  expect([status.pendingChanges, status.held, status.reports]).toEqual([0, 0, []]);
  expect(await freshDeviceNames(email)).toEqual(await names(a));
}, 120_000);

/**
 * A signs up with `count` items, and the worker dies between the server's acceptance of the first
 * batch and its record: the request went through, the answer never arrives (`meanwhile` runs in
 * that window). Then the worker restarts and syncs twice; nothing may be pending, held, conflicted
 * or reported, and nothing left in the journal of what was sent.
 */
async function lostFirstAnswer(count: number, meanwhile: (a: Device) => Promise<void> = async () => undefined) {
  let lose = true;
  const wire = createWire();
  const losing: typeof fetch = async (resource, init) => {
    const response = await wire.fetch(resource, init);
    if (lose && wire.log.at(-1)?.procedure === 'sync.push') {
      lose = false;
      await meanwhile(a);
      throw new TypeError('fetch failed');
    }
    return response;
  };
  const a = createDevice({ clock, name: 'A', fetch: losing });
  await vaultWith(a, count);
  const email = `queued${++accounts}@example.org`;
  expect(await signUpAt(a, email)).toMatchObject({ ok: false });
  const restarted = a.restart();
  expect(await restarted.engine.syncNow()).toMatchObject({ ok: true });
  expect(await restarted.engine.syncNow()).toMatchObject({ ok: true });
  const status = await restarted.engine.status();
  expect([status.pendingChanges, status.held, status.conflicts, status.reports]).toEqual([0, 0, 0, []]);
  expect((await readSent(restarted.db)).keys).toEqual([]);
  return { restarted, email };
}

it('an answer lost after the server took the batch: the next run takes those items as its own, without a conflict or a report', async () => {
  const { restarted, email } = await lostFirstAnswer(12);
  expect(await createSyncState(restarted.db).get('queuedAll')).toBeUndefined();
  expect(await freshDeviceNames(email)).toEqual(await names(restarted));
  expect((await names(restarted)).length).toBe(12);
}, 60_000);

it('an answer lost after the server took the batch, and an item of it edited before the next run: the edit syncs at once, nothing is held or reported', async () => {
  // The pull holds the versions the server took; the journal of what was sent tells them for this
  // device's own, the edited one included, whose edit is then pushed on top of it.
  const { restarted, email } = await lostFirstAnswer(8, async (a) => {
    const item = (await itemNamed(a, 'item 4'))!;
    await a.items.save({ ...item, name: 'item 4 edited after a lost answer' });
  });
  const seen = await freshDeviceNames(email);
  expect(seen).toContain('item 4 edited after a lost answer');
  expect(seen).not.toContain('item 4');
  expect(seen).toEqual(await names(restarted));
}, 60_000);
