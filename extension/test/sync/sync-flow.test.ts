// Two (or three) simulated browsers against the REAL sync server process: sign-up uploads a vault,
// log-in on a new browser downloads and opens it, edits travel, offline edits to different fields
// merge, the same field becomes a conflict the user settles, an edit beats a deletion, the outbox
// survives restarts and server outages, and a revoked device is signed out and locked.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { join } from 'node:path';
import type { LoginItem } from '@keyhold/shared/items/item';
import { historyOf } from '@keyhold/shared/items/history';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createWire } from './helpers/wire';
import { createDevice, itemNamed, login, logInWith, PASSWORD, signUpWith, type Clock, type Device } from './helpers/device';
import { listDevices, logOut, revokeDevice } from '../../src/sync/devices';
import { PULL_PAGE_LIMIT } from '../../src/sync/pull-changes';
import { GETS_IN_FLIGHT } from '../../src/sync/manifest-book';
import { signUp } from '../../src/sync/sign-up';
import { sealItemRow } from '../../src/vault/item-codec';
import { openIndexHead } from '../../src/vault/index-store';

let server!: RealServer;
let accounts = 0;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_750_000_000_000 };

/** A fresh account (its own email, through an invite) with `items`, on A; B logged in to it. */
async function pair(items: LoginItem[], options: { wireB?: ReturnType<typeof createWire>; wireA?: ReturnType<typeof createWire> } = {}) {
  const email = `user${++accounts}@example.org`;
  const a = createDevice({ clock, name: 'A', ...(options.wireA ? { fetch: options.wireA.fetch } : {}) });
  const signedUp = await signUpWith(a, server.url, items, { email, inviteToken: server.invite() });
  expect(signedUp).toMatchObject({ ok: true });
  const b = createDevice({ clock, name: 'B', ...(options.wireB ? { fetch: options.wireB.fetch } : {}) });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  return { a, b, email };
}

async function edit(device: Device, name: string, change: Partial<LoginItem>): Promise<void> {
  const item = (await itemNamed(device, name)) as LoginItem;
  await device.items.save({ ...item, ...change });
}

describe('connecting devices', () => {
  it('sign-up uploads the local vault, log-in on a new browser downloads, opens and can search it', async () => {
    const { a, b } = await pair([
      login({ name: 'GitHub', password: 'gh-secret-1' }),
      login({ name: 'Bank', username: 'me', password: 'bank-secret-2' }),
    ]);
    expect((await a.engine.status()).pendingChanges).toBe(0);
    expect(await b.vault.status()).toMatchObject({ state: 'unlocked', recoveryConfirmed: true, itemCount: 2 });
    const found = await b.items.list({ filter: { kind: 'all' }, query: 'bank', offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.name)).toEqual(['Bank']);
    expect(((await itemNamed(b, 'GitHub')) as LoginItem).password).toBe('gh-secret-1');
    // B unlocks with the same master password after a lock: the header it adopted is the vault's.
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
    expect((await b.vault.status()).itemCount).toBe(2);
  }, 60_000);

  it('the server stores ciphertext only: no secret, name or email of an item is in its database file', async () => {
    await pair([login({ name: 'Very Distinctive Name', username: 'distinct-user', password: 'distinct-password-xyz' })]);
    const files = ['keyhold.sqlite', 'keyhold.sqlite-wal'].map((f) => join(server.dataDir, f));
    const bytes = files.map((f) => {
      try {
        return readFileSync(f).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const secret of ['Very Distinctive Name', 'distinct-user', 'distinct-password-xyz', PASSWORD]) {
      expect(bytes.some((b) => b.includes(secret))).toBe(false);
    }
  }, 60_000);

  it('refuses to log a browser that has its own, different vault into an account', async () => {
    const { email } = await pair([login({ name: 'One' })]);
    const other = createDevice({ clock, name: 'C' });
    await other.vault.create(PASSWORD);
    await expect(logInWith(other, server.url, { email })).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect((await other.engine.status()).connection).toBeNull();
  }, 60_000);

  it('a wrong master password is refused by the server and nothing is created locally', async () => {
    const { email } = await pair([]);
    const c = createDevice({ clock, name: 'C' });
    await expect(logInWith(c, server.url, { email, password: 'not the password' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await c.vault.status()).state).toBe('none');
  }, 60_000);
});

describe('changes travel', () => {
  it('an edit on A reaches B in one pull holding just that item; a sync with nothing new is one small request', async () => {
    const wire = createWire();
    const { a, b } = await pair(
      Array.from({ length: 20 }, (_, i) => login({ name: `Site ${i}`, password: `pw-${i}` })),
      { wireB: wire },
    );
    await edit(a, 'Site 7', { username: 'new-user' });
    expect((await a.engine.syncNow()).ok).toBe(true);

    wire.log.length = 0;
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 1 });
    expect(((await itemNamed(b, 'Site 7')) as LoginItem).username).toBe('new-user');
    const pulls = wire.log.filter((e) => e.procedure === 'sync.pull');
    expect(pulls).toHaveLength(1);
    const pulledBytes = pulls[0]!.responseBytes;

    wire.log.length = 0;
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 0 });
    expect(wire.log.map((e) => e.procedure)).toEqual(['sync.pull']);
    expect(wire.log[0]!.responseBytes).toBeLessThan(120);
    expect(pulledBytes).toBeLessThan(20 * wire.log[0]!.responseBytes + 4000);
  }, 60_000);

  it('a local change asks for a debounced run; deletions and new items travel too', async () => {
    const { a, b } = await pair([login({ name: 'Keep' }), login({ name: 'Drop' })]);
    a.scheduler.requests.length = 0;
    await a.items.save(login({ name: 'Brand new' }));
    await expect.poll(() => a.scheduler.requests).toEqual([2000]);
    const drop = (await itemNamed(a, 'Drop'))!;
    await a.items.deleteForever([drop.id]);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const names = (await b.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).rows.map((r) => r.name);
    expect(names.sort()).toEqual(['Brand new', 'Keep']);
  }, 60_000);
});

describe('offline and conflicts', () => {
  it('with the server down, edits to different fields on A and B are both there after it comes back', async () => {
    const wireA = createWire();
    const wireB = createWire();
    const { a, b } = await pair([login({ name: 'Shared', username: 'old-user', password: 'old-pw' })], { wireA, wireB });
    await server.stop();
    await edit(a, 'Shared', { username: 'user-from-A' });
    await edit(b, 'Shared', { password: 'password-from-B' });
    const failedA = await a.engine.syncNow();
    expect(failedA).toMatchObject({ ok: false, reason: 'failed' });
    expect((await a.engine.status()).lastError).toMatch(/cannot be reached/);
    expect((await a.engine.status()).pendingChanges).toBe(1);
    await b.engine.syncNow();
    await server.restart();

    expect((await a.engine.syncNow()).ok).toBe(true);
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect((await a.engine.syncNow()).ok).toBe(true);
    for (const device of [a, b]) {
      const item = (await itemNamed(device, 'Shared')) as LoginItem;
      expect(item).toMatchObject({ username: 'user-from-A', password: 'password-from-B' });
      expect((await device.engine.status()).conflicts).toBe(0);
    }
  }, 60_000);

  it('the same field changed on both becomes a conflict with both values; settling it per field syncs', async () => {
    const { a, b } = await pair([login({ name: 'Wiki', notes: 'base notes' })]);
    await edit(a, 'Wiki', { notes: 'notes from A' });
    await edit(b, 'Wiki', { notes: 'notes from B' });
    await a.engine.syncNow();
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect((await b.engine.status()).conflicts).toBe(1);
    const [summary] = await b.conflicts.list();
    expect(summary).toMatchObject({ name: 'Wiki', fields: ['notes'] });
    const detail = await b.conflicts.get(summary!.id);
    expect(detail.conflicts).toEqual([expect.objectContaining({ field: 'notes', local: 'notes from B', remote: 'notes from A' })]);
    // The other value is kept in the item's history until settled: nothing is lost.
    await a.engine.syncNow();
    expect((await a.engine.status()).conflicts).toBe(1);

    expect(await b.conflicts.resolve(summary!.id, [{ field: 'notes', choose: 'remote' }])).toEqual({ remaining: 0 });
    await b.engine.syncNow();
    await a.engine.syncNow();
    for (const device of [a, b]) {
      expect(((await itemNamed(device, 'Wiki')) as LoginItem).notes).toBe('notes from A');
      expect(await device.conflicts.list()).toEqual([]);
    }
  }, 60_000);

  it('"keep both" turns a conflict into two items, one with each value', async () => {
    const { a, b } = await pair([login({ name: 'Router', password: 'base-pw' })]);
    await edit(a, 'Router', { password: 'pw-A' });
    await edit(b, 'Router', { password: 'pw-B' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    const [summary] = await b.conflicts.list();
    await b.conflicts.keepBoth(summary!.id);
    await b.engine.syncNow();
    await a.engine.syncNow();
    for (const device of [a, b]) {
      expect(((await itemNamed(device, 'Router')) as LoginItem).password).toBe('pw-B');
      expect(((await itemNamed(device, 'Router (conflict copy)')) as LoginItem).password).toBe('pw-A');
      expect((await device.engine.status()).conflicts).toBe(0);
    }
  }, 60_000);

  it('delete on A while B edits: the edit wins, the item comes back on A with a note', async () => {
    const { a, b } = await pair([login({ name: 'Mail', username: 'before' })]);
    const id = (await itemNamed(a, 'Mail'))!.id;
    await a.items.deleteForever([id]);
    await edit(b, 'Mail', { username: 'edited-on-B' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();
    for (const device of [a, b]) {
      const item = (await itemNamed(device, 'Mail')) as LoginItem;
      expect(item.username).toBe('edited-on-B');
      expect(historyOf(item).some((entry) => entry.reason === 'deleted-edit')).toBe(true);
    }
  }, 60_000);
});

describe('resilience', () => {
  it('news of the account, or the unlock, heard during a first sync starts no second run after it; a request that must run still does', async () => {
    const email = `user${++accounts}@example.org`;
    const a = createDevice({ clock, name: 'A' });
    expect(await signUpWith(a, server.url, [login({ name: 'one' }), login({ name: 'two' })], { email, inviteToken: server.invite() })).toMatchObject({
      ok: true,
    });
    const revision = await a.engine.cursor();
    const wire = createWire();
    const heard: { run?: Promise<unknown>; unlock?: Promise<unknown> } = {};
    let duringPull: (() => unknown) | null = () => {
      heard.run = b.engine.syncFor(revision);
      // The session storage's unlock event (log-in unlocked the vault) arrives late, too.
      heard.unlock = b.engine.trigger({ coveredByRunning: true });
    };
    // The event stream's news arrives while the first sync's listing is on its way (its cursor is still 0).
    const hearing: typeof fetch = (resource, init) => {
      if (duringPull && String(resource instanceof Request ? resource.url : resource).includes('sync.pull')) {
        duringPull();
        duringPull = null;
      }
      return wire.fetch(resource, init);
    };
    const b = createDevice({ clock, name: 'B', fetch: hearing });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true, pulled: 2 });
    expect(await heard.run).toMatchObject({ ok: true, pulled: 0 });
    expect(await heard.unlock).toMatchObject({ ok: true, pulled: 2 });
    expect((await b.engine.status()).state).toBe('idle');
    expect(wire.log.filter((e) => e.procedure === 'sync.pull')).toHaveLength(1);
    // Shared with a request that must run (Sync now), the waiting run is not skipped.
    let waiting: Promise<unknown>[] = [];
    duringPull = () => (waiting = [b.engine.syncFor(revision), b.engine.syncNow()]);
    await b.engine.syncNow();
    expect(waiting).toHaveLength(2);
    await Promise.all(waiting);
    expect(wire.log.filter((e) => e.procedure === 'sync.pull')).toHaveLength(3);
  });

  it('the outbox and cursor survive a service-worker restart; backoff grows while the server is down', async () => {
    const wireA = createWire();
    const { a, b } = await pair([login({ name: 'Persist' })], { wireA });
    wireA.down = true;
    await edit(a, 'Persist', { username: 'written-offline' });
    await expect.poll(() => a.scheduler.requests).toContain(2000);
    a.scheduler.requests.length = 0;
    for (let i = 0; i < 3; i++) expect((await a.engine.syncNow()).ok).toBe(false);
    // 30 s, 60 s, 120 s (jitter pinned to its middle by the test's random source).
    expect(a.scheduler.requests).toEqual([30_000, 60_000, 120_000]);
    const status = await a.engine.status();
    expect(status).toMatchObject({ state: 'failing', pendingChanges: 1 });
    expect(status.nextRetryAt).toBe(clock.now + 120_000);
    // Automatic runs wait for the backoff; "sync now" does not.
    expect(await a.engine.trigger()).toBeNull();

    const restarted = a.restart();
    wireA.down = false;
    expect(await restarted.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    expect((await restarted.engine.status()).pendingChanges).toBe(0);
    await b.engine.syncNow();
    expect(((await itemNamed(b, 'Persist')) as LoginItem).username).toBe('written-offline');
  }, 60_000);

  it('nothing syncs while the vault is locked, and the first run after unlocking catches up', async () => {
    const { a, b } = await pair([login({ name: 'Later' })]);
    await edit(a, 'Later', { username: 'while-b-locked' });
    await a.engine.syncNow();
    await b.vault.lock();
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, reason: 'locked' });
    expect((await b.engine.status()).state).toBe('locked');
    await b.vault.unlock(PASSWORD);
    expect(await b.engine.trigger()).toMatchObject({ ok: true, pulled: 1 });
  }, 60_000);

  it('A lists devices and revokes B: B is signed out at its next sync and its vault is locked', async () => {
    const { a, b } = await pair([login({ name: 'Secret' })]);
    const devices = await listDevices(a.account);
    expect(devices.map((d) => [d.deviceName, d.current]).sort()).toEqual([
      ['A', true],
      ['B', false],
    ]);
    await revokeDevice(a.account, devices.find((d) => !d.current)!.id);
    const result = await b.engine.syncNow();
    expect(result).toMatchObject({ ok: false, reason: 'signed-out' });
    expect((await b.vault.status()).state).toBe('locked');
    expect((await b.engine.status()).connection).toBeNull();
    expect(b.scheduler.periodic).toBe(false);
    // The local vault is still B's own: it opens with the master password, without the server.
    await b.vault.unlock(PASSWORD);
    expect((await b.vault.status()).itemCount).toBe(1);
  }, 60_000);

  it('a new master password on A reaches the server: other devices are signed out, and only the new password logs in', async () => {
    const { a, b, email } = await pair([login({ name: 'Moved' })]);
    const NEW = 'a different long passphrase 314';
    await a.vault.changePassword(PASSWORD, NEW);
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, reason: 'signed-out' });
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    const c = createDevice({ clock, name: 'C' });
    await expect(logInWith(c, server.url, { email })).rejects.toMatchObject({ code: expect.any(String) });
    const d = createDevice({ clock, name: 'D' });
    expect(await logInWith(d, server.url, { email, password: NEW })).toMatchObject({ ok: true });
    expect(((await itemNamed(d, 'Moved')) as LoginItem).name).toBe('Moved');
  }, 60_000);

  it('a password change the server cannot take changes nothing locally', async () => {
    const wire = createWire();
    const { a } = await pair([login({ name: 'Stay' })], { wireA: wire });
    wire.down = true;
    await expect(a.vault.changePassword(PASSWORD, 'never applied passphrase 11')).rejects.toMatchObject({ code: 'INVALID' });
    wire.down = false;
    await a.vault.lock();
    await a.vault.unlock(PASSWORD);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
  }, 60_000);

  it('log out forgets the session on the server; logging in again resumes without a full re-upload', async () => {
    const wire = createWire();
    const { a, email } = await pair([login({ name: 'Resume' })], { wireA: wire });
    expect(await logOut(a.account)).toEqual({ serverInformed: true });
    expect((await a.engine.status()).connection).toBeNull();
    expect(await a.engine.syncNow()).toMatchObject({ ok: false, reason: 'signed-out' });
    wire.log.length = 0;
    expect(await logInWith(a, server.url, { email })).toMatchObject({ ok: true });
    expect(wire.log.filter((e) => e.procedure === 'sync.push')).toHaveLength(0);
  }, 60_000);
});

describe('a first sync in pages', () => {
  /** A fresh account holding `count` logins (imported in one write), on A. */
  async function bigAccount(count: number): Promise<{ email: string }> {
    const email = `user${++accounts}@example.org`;
    const a = createDevice({ clock, name: 'A' });
    await a.vault.create(PASSWORD);
    await a.items.importMany(
      Array.from({ length: count }, (_, i) => login({ name: `Site ${i}`, urls: [{ url: `https://site${i}.example`, match: 'default' }] })),
    );
    const signedUp = await signUp(a.account, { serverUrl: server.url, email, password: PASSWORD, deviceName: 'A', inviteToken: server.invite() });
    expect(signedUp).toMatchObject({ ok: true });
    return { email };
  }

  const total = async (device: Device) => (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1 })).total;

  /** The rows of each write transaction `device`'s sync makes from now on, in order. */
  function rowsPerWrite(device: Device): number[] {
    const writes: number[] = [];
    const applyRemote = device.items.applyRemote.bind(device.items);
    device.items.applyRemote = (plan, options) =>
      applyRemote(async (state) => {
        const planned = await plan(state);
        if (planned.changes.put.length > 0) writes.push(planned.changes.put.length);
        return planned;
      }, options);
    return writes;
  }

  it('a vault of several pages arrives whole, page by page, and its stored index matches the rows', async () => {
    const count = PULL_PAGE_LIMIT + 3;
    const { email } = await bigAccount(count);
    const wire = createWire();
    const b = createDevice({ clock, name: 'B', fetch: wire.fetch });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true, pulled: count });
    expect(wire.log.filter((e) => e.procedure === 'sync.pull')).toHaveLength(2);
    // The header was fetched once, by the log-in itself. The first sync took its root in beside the
    // first page, and the page's root — the same — shared that work: no node was fetched twice. A
    // device holding none of the tree reads it whole, a quarter of the mids a request, none by hash.
    expect(wire.log.filter((e) => e.procedure === 'vault.getHeader')).toHaveLength(1);
    const subtrees = wire.log.filter((e) => e.procedure === 'vault.getSubtrees').map((e) => JSON.stringify(e.input));
    expect(subtrees).toHaveLength(GETS_IN_FLIGHT);
    expect(new Set(subtrees).size).toBe(subtrees.length);
    expect(wire.log.filter((e) => e.procedure === 'vault.getNodes')).toEqual([]);
    expect(await total(b)).toBe(count);
    // The index was stored once at the end: the next unlock opens it as stored (the head is there).
    expect(await b.db.getMeta('overviewHead')).toBeInstanceOf(Uint8Array);
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
    expect(await total(b)).toBe(count);
    const last = await b.items.list({ filter: { kind: 'all' }, query: `Site ${count - 1}`, offset: 0, limit: 5 });
    expect(last.rows.map((row) => row.name)).toContain(`Site ${count - 1}`);
  }, 120_000);

  it("a listing's pages are fetched and opened while the manifest's tree is still coming in; nothing is written before it is in", async () => {
    const count = 2 * PULL_PAGE_LIMIT + 3;
    const { email } = await bigAccount(count);
    let pulls = 0;
    let treeReleased: (() => void) | null = null;
    const tree = new Promise<void>((resolve) => (treeReleased = resolve));
    // The tree's nodes are held back until the third page has been asked for (or, on a device that
    // waits for the tree before taking the next page, until a timeout), and what was written by then noted.
    const atRelease: { pulls: number; rows: number }[] = [];
    const release = async () => {
      if (atRelease.length > 0) return;
      atRelease.push({ pulls, rows: await b.db.items.count() });
      treeReleased!();
    };
    const timeout = setTimeout(() => void release(), 20_000);
    const holdTree: typeof fetch = async (resource, init) => {
      const url = String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
      if (url.includes('/sync.pull') && ++pulls === 3) await release();
      if (url.includes('/vault.getNodes') || url.includes('/vault.getSubtrees')) await tree;
      return fetch(resource, init);
    };
    const b = createDevice({ clock, name: 'B', fetch: holdTree });
    const writes = rowsPerWrite(b);
    try {
      expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true, pulled: count });
    } finally {
      clearTimeout(timeout);
    }
    expect(atRelease).toEqual([{ pulls: 3, rows: 0 }]);
    expect(await total(b)).toBe(count);
    // A new device with nothing of its own writes each page as soon as it is judged, pipelined
    // behind the write before (item-writes.ts).
    expect(writes).toHaveLength(3);
    expect(writes.reduce((n, rows) => n + rows, 0)).toBe(count);
    expect((await b.engine.status()).reports).toEqual([]);
  }, 120_000);

  it("a synced device's full listing joins the pages judged while a write commits into the next write", async () => {
    const count = 2 * PULL_PAGE_LIMIT + 3;
    const a = createDevice({ clock, name: 'A' });
    const email = `user${++accounts}@example.org`;
    expect(await signUpWith(a, server.url, [login({ name: 'First' })], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    const b = createDevice({ clock, name: 'B' });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true, pulled: 1 });
    await a.items.importMany(Array.from({ length: count }, (_, i) => login({ name: `Later ${i}` })));
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: count });
    const writes = rowsPerWrite(b);
    expect(await b.engine.syncNow({ full: true })).toMatchObject({ ok: true, pulled: count });
    expect(await total(b)).toBe(count + 1);
    // Its writes read what they merge with, so they are not pipelined: the pages judged while one
    // commits go together in the next — fewer writes than pages.
    expect(writes.reduce((n, rows) => n + rows, 0)).toBe(count);
    expect(writes.length).toBeLessThan(3);
  }, 120_000);

  it("from a server without subtree reads, the tree's nodes are fetched by hash a few at a time, the next request sent as soon as one is answered", async () => {
    const { email } = await bigAccount(PULL_PAGE_LIMIT + 3);
    let inFlight = 0;
    let most = 0;
    let answeredFirst = false;
    /** How many node requests had been sent when the first one was answered. */
    let sentBeforeFirstAnswer = 0;
    let sent = 0;
    const watchNodes: typeof fetch = async (resource, init) => {
      const url = String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
      // A server from before vault.getSubtrees answers as for any procedure it does not have.
      if (url.includes('/vault.getSubtrees')) return fetch(url.replace('/vault.getSubtrees', '/vault.noSuchProcedure'), init);
      if (!url.includes('/vault.getNodes')) return fetch(resource, init);
      const n = sent++;
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        // The first slot request is slow; the others are not held back by it.
        if (n === 1) await new Promise((resolve) => setTimeout(resolve, 1_500));
        return await fetch(resource, init);
      } finally {
        inFlight -= 1;
        if (n === 1 && !answeredFirst) {
          answeredFirst = true;
          sentBeforeFirstAnswer = sent;
        }
      }
    };
    const b = createDevice({ clock, name: 'B', fetch: watchNodes });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true, pulled: PULL_PAGE_LIMIT + 3 });
    expect(sent).toBeGreaterThan(GETS_IN_FLIGHT + 2);
    expect(most).toBeLessThanOrEqual(GETS_IN_FLIGHT);
    // All but the slow one went meanwhile: waves of GETS_IN_FLIGHT would have waited for it.
    expect(sentBeforeFirstAnswer).toBe(sent);
  }, 120_000);

  it.each([2, 3])(
    'the vault locked when page %i of a listing is asked for: the pages written before it are whole, and after unlocking the next run completes it',
    async (lockAt) => {
      const count = 2 * PULL_PAGE_LIMIT + 3;
      const { email } = await bigAccount(count);
      let pulls = 0;
      const locking: { done: Promise<void> | null } = { done: null };
      const lockMidListing: typeof fetch = (resource, init) => {
        const url = String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
        if (url.includes('/sync.pull') && ++pulls === lockAt && locking.done === null) locking.done = b.vault.lock();
        return fetch(resource, init);
      };
      const b = createDevice({ clock, name: 'B', fetch: lockMidListing });
      expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: false });
      expect(locking.done).not.toBeNull();
      await locking.done;
      await b.vault.unlock(PASSWORD);
      // Whatever pages were written before the lock are whole pages; nothing else is in the vault.
      expect((await total(b)) % PULL_PAGE_LIMIT).toBe(0);
      expect(await b.engine.syncNow()).toMatchObject({ ok: true });
      expect(await total(b)).toBe(count);
      const status = await b.engine.status();
      expect([status.pendingChanges, status.held, status.conflicts, status.reports]).toEqual([0, 0, 0, []]);
    },
    120_000,
  );

  it("the worker stopped while a new device's pipelined first sync is under way: a restarted one rebuilds the index from the rows and completes the listing", async () => {
    const count = 2 * PULL_PAGE_LIMIT + 3;
    const { email } = await bigAccount(count);
    let pulls = 0;
    // The third page is never answered: the worker stops there, with the pages before it written
    // (or their pipelined writes in flight) and the stored index dropped by the first of them.
    const stopAtThirdPage: typeof fetch = (resource, init) => {
      const url = String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
      if (url.includes('/sync.pull') && ++pulls === 3) return new Promise<Response>(() => undefined);
      return fetch(resource, init);
    };
    const b = createDevice({ clock, name: 'B', fetch: stopAtThirdPage });
    void logInWith(b, server.url, { email });
    await expect.poll(() => pulls, { timeout: 60_000 }).toBe(3);
    await expect.poll(async () => (await b.db.items.count()) === 2 * PULL_PAGE_LIMIT, { timeout: 60_000 }).toBe(true);
    expect(await b.db.getMeta('overviewHead')).toBeUndefined();
    // A new worker: its session starts locked, and unlocking finds no stored index.
    const restarted = b.restart();
    await restarted.vault.lock();
    await restarted.vault.unlock(PASSWORD);
    expect(await total(restarted)).toBe(2 * PULL_PAGE_LIMIT);
    expect(await restarted.engine.syncNow()).toMatchObject({ ok: true });
    expect(await total(restarted)).toBe(count);
    const status = await restarted.engine.status();
    expect([status.pendingChanges, status.held, status.conflicts, status.reports]).toEqual([0, 0, 0, []]);
    // The index it stored matches the rows: the next unlock lists every item from it.
    await restarted.vault.lock();
    await restarted.vault.unlock(PASSWORD);
    expect(await total(restarted)).toBe(count);
    expect(await restarted.db.getMeta('overviewHead')).toBeInstanceOf(Uint8Array);
  }, 120_000);

  it('local writes while a three-page listing is under way are kept and pushed: an edit of a written item, and a new item', async () => {
    const count = 2 * PULL_PAGE_LIMIT + 3;
    const { email } = await bigAccount(count);
    let pulls = 0;
    const wrote: { done: Promise<void> | null } = { done: null };
    // When the third page is asked for, some page has been written (the others are still being
    // opened, judged or written): one of its items is renamed and a new item saved, through the
    // same write queue as the listing's page writes.
    const writeMidListing: typeof fetch = async (resource, init) => {
      const url = String(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
      if (url.includes('/sync.pull') && ++pulls === 3) {
        wrote.done = (async () => {
          while ((await total(b)) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
          const [row] = (await b.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1 })).rows;
          const item = await b.items.get(row!.id);
          await b.items.save({ ...item, name: 'Edited mid-listing' });
          await b.items.save(login({ name: 'Saved mid-listing' }));
        })();
        await wrote.done;
      }
      return fetch(resource, init);
    };
    const b = createDevice({ clock, name: 'B', fetch: writeMidListing });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
    expect(wrote.done).not.toBeNull();
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(await total(b)).toBe(count + 1);
    const status = await b.engine.status();
    expect([status.pendingChanges, status.held, status.conflicts, status.reports]).toEqual([0, 0, 0, []]);
    const fresh = createDevice({ clock, name: 'fresh' });
    expect(await logInWith(fresh, server.url, { email })).toMatchObject({ ok: true, pulled: count + 1 });
    for (const name of ['Edited mid-listing', 'Saved mid-listing']) expect(await itemNamed(fresh, name)).toBeDefined();
  }, 120_000);

  it('a first sync cut off after its first page keeps what arrived, opens after a lock, and the next run completes it', async () => {
    const count = PULL_PAGE_LIMIT + 3;
    const { email } = await bigAccount(count);
    const wire = createWire();
    // The second page never comes: the connection fails whenever it is asked for (the manifest's
    // tree, fetched while the first page is opened, still arrives).
    let cut = true;
    const cutAfterFirstPage: typeof fetch = (resource, init) => {
      const url = new URL(typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url);
      const input = JSON.parse(url.searchParams.get('input') ?? 'null') as { since?: number } | null;
      if (cut && url.pathname.endsWith('/sync.pull') && (input?.since ?? 0) > 0) return Promise.reject(new TypeError('fetch failed'));
      return wire.fetch(resource, init);
    };
    const b = createDevice({ clock, name: 'B', fetch: cutAfterFirstPage });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: false, reason: 'failed' });
    expect(await total(b)).toBe(PULL_PAGE_LIMIT);
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
    expect(await total(b)).toBe(PULL_PAGE_LIMIT);
    cut = false;
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(await total(b)).toBe(count);
    expect(await b.engine.cursor()).toBeGreaterThan(0);
  }, 120_000);

  it('rows written with the stored index deferred are never shown from a stale index: the next load rebuilds it', async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    // The same item renamed: the row count stays the same, so only the missing index tells the load.
    const { id } = await b.items.save(login({ name: 'Indexed' }));
    const item = await b.items.get(id);
    const sealed = await b.vault.borrow(async (keys) => sealItemRow({ ...item, name: 'Deferred' }, keys));
    const changes = { put: [sealed], remove: [], index: 'defer' as const, tables: [], write: async () => undefined };
    await b.items.applyRemote(async () => ({ changes, result: null }));
    expect(await b.db.getMeta('overviewHead')).toBeUndefined();
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
    expect(await total(b)).toBe(1);
    expect((await itemNamed(b, 'Deferred'))?.id).toBe(id);
  }, 60_000);

  it("a bulk download's last write stores the index sealed alongside its rows; a failed one stores nothing", async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    const { id } = await b.items.save(login({ name: 'Indexed' }));
    const item = await b.items.get(id);
    const renamed = (name: string) => b.vault.borrow(async (keys) => sealItemRow({ ...item, name }, keys));
    const headBefore = await b.db.getMeta('overviewHead');
    const failing = {
      put: [await renamed('Lost')],
      remove: [],
      index: 'complete' as const,
      tables: [],
      write: () => Promise.reject(new Error('disk full')),
    };
    await expect(b.items.applyRemote(async () => ({ changes: failing, result: null }))).rejects.toThrow('disk full');
    expect(await b.db.getMeta('overviewHead')).toEqual(headBefore);
    expect((await itemNamed(b, 'Indexed'))?.id).toBe(id);

    const changes = { put: [await renamed('Completed')], remove: [], index: 'complete' as const, tables: [], write: async () => undefined };
    await b.items.applyRemote(async () => ({ changes, result: null }));
    const head = await b.db.getMeta('overviewHead');
    expect(head).toBeDefined();
    expect(head).not.toEqual(headBefore);
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
    expect((await itemNamed(b, 'Completed'))?.id).toBe(id);
    expect(await itemNamed(b, 'Indexed')).toBeUndefined();
  }, 60_000);

  it.each([true, false])(
    'pipelined deferred writes (%s): the next one lists its items while the one before still commits, and a read of them waits for their rows',
    async (pipelined) => {
      const b = createDevice({ clock, name: 'B' });
      await b.vault.create(PASSWORD);
      const [first, second] = await b.vault.borrow(async (keys) => [
        sealItemRow(login({ name: 'First page' }), keys),
        sealItemRow(login({ name: 'Second page' }), keys),
      ]);
      const listed = (name: string): Promise<boolean> =>
        Dexie.ignoreTransaction(() => b.items.list({ filter: { kind: 'all' }, query: name, offset: 0, limit: 5 })).then((page) => page.total > 0);
      // The first write's transaction is held open — by reads of a table in its scope, nothing else
      // awaited in it — until the second page's item is listed (or for a few thousand reads, if it
      // cannot be before this commits).
      let listedInside = false;
      const reads: Promise<unknown>[] = [];
      const holdOpen = async () => {
        let asking = false;
        for (let i = 0; i < 3_000 && !listedInside; i++) {
          await b.db.syncState.get('run');
          if (!asking) {
            asking = true;
            void listed('Second page').then((yes) => {
              asking = false;
              // Listed, its row not yet stored: a read made now waits for it instead of finding nothing.
              if (yes && !listedInside) reads.push(Dexie.ignoreTransaction(() => b.items.get(second!.row.id)));
              listedInside ||= yes;
            });
          }
        }
      };
      const write = (row: typeof first, hold?: () => Promise<void>) =>
        b.items.applyRemote(
          async () => ({
            changes: { put: [row!], remove: [], index: 'defer' as const, tables: [b.db.syncState], write: hold ?? (async () => undefined) },
            result: null,
          }),
          { pipelined },
        );
      await Promise.all([write(first, holdOpen), write(second)]);
      expect(listedInside).toBe(pipelined);
      if (pipelined) expect(await reads[0]).toMatchObject({ name: 'Second page' });
      expect(await b.db.items.count()).toBe(2);
      await b.items.persistIndex();
      await b.vault.lock();
      await b.vault.unlock(PASSWORD);
      expect(await listed('First page')).toBe(true);
      expect(await listed('Second page')).toBe(true);
    },
    60_000,
  );

  it('a pipelined write that fails takes its own items out of the list and leaves the next one whole', async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    const [first, second] = await b.vault.borrow(async (keys) => [
      sealItemRow(login({ name: 'Failing page' }), keys),
      sealItemRow(login({ name: 'Next page' }), keys),
    ]);
    let secondListed = false;
    const failing = async () => {
      let asking = false;
      for (let i = 0; i < 3_000 && !secondListed; i++) {
        await b.db.syncState.get('run');
        if (!asking) {
          asking = true;
          void Dexie.ignoreTransaction(() => b.items.list({ filter: { kind: 'all' }, query: 'Next', offset: 0, limit: 5 })).then((page) => {
            asking = false;
            secondListed ||= page.total > 0;
          });
        }
      }
      throw new Error('the write fails');
    };
    const write = (row: typeof first, extra: () => Promise<void>) =>
      b.items.applyRemote(
        async () => ({ changes: { put: [row!], remove: [], index: 'defer' as const, tables: [b.db.syncState], write: extra }, result: null }),
        { pipelined: true },
      );
    const results = await Promise.allSettled([write(first, failing), write(second, async () => undefined)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(secondListed).toBe(true);
    const names = (await b.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).rows.map((r) => r.name);
    expect(names).toEqual(['Next page']);
    expect((await b.db.items.toArray()).map((r) => r.id)).toEqual([second!.row.id]);
  }, 60_000);

  /**
   * Two pipelined writes of a download: a page ('defer') whose transaction `hold` keeps open — by
   * reads of a table in its scope, until `until()` or for a few thousand reads — and the last page
   * ('complete'), which seals the index meanwhile.
   */
  async function lastPageBehind(
    b: Device,
    names: [string, string],
    hold: (until: () => boolean, lastId: string, lastItem: ReturnType<typeof login>) => Promise<void>,
  ) {
    const items = names.map((name) => login({ name }));
    const [first, last] = await b.vault.borrow(async (keys) => items.map((item) => sealItemRow(item, keys)));
    const write = (row: typeof first, index: 'defer' | 'complete', extra: () => Promise<void>) =>
      b.items.applyRemote(async () => ({ changes: { put: [row!], remove: [], index, tables: [b.db.syncState], write: extra }, result: null }), {
        pipelined: true,
      });
    let lastListed = false;
    const holdOpen = async () => {
      let asking = false;
      await hold(
        () => {
          if (!asking && !lastListed) {
            asking = true;
            void Dexie.ignoreTransaction(() => b.items.list({ filter: { kind: 'all' }, query: names[1], offset: 0, limit: 5 })).then((page) => {
              asking = false;
              lastListed ||= page.total > 0;
            });
          }
          return lastListed;
        },
        last!.row.id,
        items[1]!,
      );
    };
    const results = await Promise.allSettled([write(first, 'defer', holdOpen), write(last, 'complete', async () => undefined)]);
    return { first: first!, last: last!, results, lastListed };
  }

  const storedHead = (b: Device) => b.vault.borrow(async (keys) => openIndexHead(await b.db.getMeta('overviewHead'), keys));

  it("a download's last write seals the index while the page before it commits: its item, listed meanwhile, is read once its row comes", async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    let read: Promise<unknown> | null = null;
    const { results, lastListed } = await lastPageBehind(b, ['First page', 'Last page'], async (until, lastId) => {
      for (let i = 0; i < 3_000 && !until(); i++) await b.db.syncState.get('run');
      // Listed before its transaction exists: a read made now waits for the row instead of finding nothing.
      if (until()) read = Dexie.ignoreTransaction(() => b.items.get(lastId));
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(lastListed).toBe(true);
    await expect(read).resolves.toMatchObject({ name: 'Last page' });
    expect((await storedHead(b))?.size).toBe(2);
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
    expect((await b.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).rows.map((r) => r.name)).toEqual([
      'First page',
      'Last page',
    ]);
  }, 60_000);

  it("a local save of the last write's item, made while the page before commits, edits the row coming in (not a new item overwritten by it)", async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    let saved: Promise<unknown> | null = null;
    let createdAt = 0;
    const { last, results, lastListed } = await lastPageBehind(b, ['First page', 'Last page'], async (until, _lastId, lastItem) => {
      createdAt = lastItem.createdAt;
      for (let i = 0; i < 3_000 && !until(); i++) await b.db.syncState.get('run');
      // Listed, its row not yet on its way: saved now, the edit must not be taken for a new item
      // and then overwritten by the row coming in.
      if (until()) saved = Dexie.ignoreTransaction(() => b.items.save({ ...lastItem, name: 'Last page, edited here', createdAt: 1 }));
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(lastListed).toBe(true);
    await expect(saved).resolves.toEqual({ id: last.row.id });
    const item = await b.items.get(last.row.id);
    expect(item).toMatchObject({ name: 'Last page, edited here' });
    // Edited, not created: the stored item keeps its own creation time.
    expect(item?.createdAt).toBe(createdAt);
    expect((await storedHead(b))?.page.rows.map((r) => r.name).sort()).toEqual(['First page', 'Last page, edited here']);
  }, 60_000);

  it('a page that fails while the last write seals the index is left out of the index it stores (sealed again)', async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    const { last, results, lastListed } = await lastPageBehind(b, ['Failing page', 'Last page'], async (until) => {
      for (let i = 0; i < 3_000 && !until(); i++) await b.db.syncState.get('run');
      // The last write has its item listed and seals now: the failure comes once it has (a tiny index).
      for (let i = 0; i < 300; i++) await b.db.syncState.get('run');
      throw new Error('the write fails');
    });
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(lastListed).toBe(true);
    expect((await b.db.items.toArray()).map((r) => r.id)).toEqual([last.row.id]);
    const head = await storedHead(b);
    expect(head?.size).toBe(1);
    expect(head?.page.rows.map((r) => r.name)).toEqual(['Last page']);
  }, 60_000);

  it("a bulk download's later writes leave the meta table out: the popup's status read does not wait for their rows to commit", async () => {
    const b = createDevice({ clock, name: 'B' });
    await b.vault.create(PASSWORD);
    const rows = await b.vault.borrow(async (keys) => Array.from({ length: 3 }, (_, i) => sealItemRow(login({ name: `Row ${i}` }), keys)));
    // The first page drops the stored index with its rows; the second finds it gone.
    await b.items.applyRemote(async () => ({
      changes: { put: rows.slice(0, 1), remove: [], index: 'defer' as const, tables: [], write: async () => undefined },
      result: null,
    }));
    expect(await b.db.getMeta('overviewHead')).toBeUndefined();
    // The second write's transaction is held open — by reads of a table in its scope — until the
    // status read, made outside it, answers (or for a few thousand reads, if it cannot).
    let answered = false;
    let answeredInside = false;
    const write = async () => {
      void Dexie.ignoreTransaction(() => b.vault.status()).then(() => (answered = true));
      for (let i = 0; i < 3_000 && !answered; i++) await b.db.syncState.get('run');
      answeredInside = answered;
    };
    await b.items.applyRemote(async () => ({
      changes: { put: rows.slice(1), remove: [], index: 'defer' as const, tables: [b.db.syncState], write },
      result: null,
    }));
    expect(answeredInside).toBe(true);
    expect(await b.db.items.count()).toBe(3);
  }, 60_000);
});
