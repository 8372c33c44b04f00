// The index snapshot (ADR 0025) against the real server: a sign-up writes it, a new device's first
// sync takes overviews from it instead of opening the items, and a snapshot that is missing, old,
// another account's or served beside rolled-back envelopes never changes what the device ends up with
// — only how much it opened. `snapshotDebt` after a first sync is the number of live items the
// snapshot did not cover (those were opened).
import { describe, expect, it } from 'vitest';
import type { Item, LoginItem } from '@keyhold/shared/items/item';
import type { PutSnapshotInput } from '@keyhold/shared/sync/protocol';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createWire, type Wire } from './helpers/wire';
import { readRow, writeRow } from './helpers/tamper';
import { createDevice, itemNamed, login, logInWith, PASSWORD, signUpWith, type Clock, type Device } from './helpers/device';

let server!: RealServer;
let accounts = 0;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_760_000_000_000 };

const ITEMS = (): LoginItem[] => [
  login({ name: 'Alpha', username: 'a@example.org', password: 'pw-alpha', urls: [{ url: 'https://alpha.example.org', match: 'default' }] }),
  login({ name: 'Beta', username: 'b@example.org', password: 'pw-beta' }),
  login({ name: 'Gamma', username: 'c@example.org', password: 'pw-gamma' }),
  login({ name: 'Delta', username: 'd@example.org', password: 'pw-delta' }),
];

/** Until the device's engine has nothing running or queued (a snapshot is written after the run that made it due). */
async function idle(device: Device): Promise<void> {
  await expect.poll(async () => (await device.engine.status()).state, { timeout: 20_000 }).not.toBe('syncing');
}

async function everything(device: Device): Promise<Item[]> {
  const page = await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1000 });
  const items = await Promise.all(page.rows.map((row) => device.items.get(row.id)));
  return items.sort((x, y) => x.id.localeCompare(y.id));
}

async function debt(device: Device): Promise<number | undefined> {
  return (await device.engine.state.get('snapshotDebt'))?.changed;
}

const uploads = (wire: Wire): PutSnapshotInput[] =>
  wire.log.filter((e) => e.procedure === 'vault.putSnapshot').map((e) => e.input as PutSnapshotInput);

/** A tamper that serves `snapshot` (as it was uploaded) for every vault.getSnapshot. */
function serving(snapshot: PutSnapshotInput[] | null) {
  return (procedure: string, data: unknown, input: unknown) => {
    if (procedure !== 'vault.getSnapshot') return data;
    const index = (input as { index: number }).index;
    const chunk = snapshot?.find((c) => c.index === index);
    return { snapshot: chunk ? { snapshotId: chunk.snapshotId, count: chunk.count, index, chunk: chunk.chunk } : null };
  };
}

async function signedUp(items: LoginItem[] = ITEMS()): Promise<{ a: Device; wireA: Wire; email: string; accountId: string }> {
  const email = `snapshot${++accounts}@example.org`;
  const wireA = createWire();
  const a = createDevice({ clock, name: 'A', fetch: wireA.fetch, snapshotMinChanges: 1 });
  expect(await signUpWith(a, server.url, items, { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
  await idle(a);
  return { a, wireA, email, accountId: await a.vault.borrow((u) => u.accountId) };
}

async function newDevice(email: string, snapshot?: PutSnapshotInput[] | null): Promise<Device> {
  const wire = createWire();
  if (snapshot !== undefined) wire.tamper = serving(snapshot);
  const device = createDevice({ clock, fetch: wire.fetch, snapshotMinChanges: 1_000 });
  expect(await logInWith(device, server.url, { email })).toMatchObject({ ok: true });
  return device;
}

describe('index snapshot', () => {
  it('a sign-up writes one after its run; a new device opens no item for it and ends with the same vault as one without it', async () => {
    const { a, wireA, email } = await signedUp();
    const written = uploads(wireA);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ index: 0, count: 1 });
    const b = await newDevice(email);
    expect(await debt(b)).toBe(0);
    const c = await newDevice(email, null);
    expect(await debt(c)).toBe(4);
    expect(await everything(b)).toEqual(await everything(a));
    expect(await everything(c)).toEqual(await everything(b));
    // Suggestions come from the snapshot's overviews like from opened ones.
    expect(await itemNamed(b, 'Alpha')).toMatchObject({ password: 'pw-alpha' });
    expect((await b.engine.status()).reports).toEqual([]);
  }, 60_000);

  it('a small vault under the default threshold writes none', async () => {
    const email = `snapshot${++accounts}@example.org`;
    const wire = createWire();
    const a = createDevice({ clock, name: 'A', fetch: wire.fetch });
    expect(await signUpWith(a, server.url, ITEMS(), { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    await idle(a);
    expect(uploads(wire)).toEqual([]);
  }, 60_000);

  it('an old snapshot: the item changed since and the one deleted since are as the server has them now, opened, not taken from it', async () => {
    const { a, wireA, email } = await signedUp();
    const old = uploads(wireA);
    const alpha = (await itemNamed(a, 'Alpha')) as LoginItem;
    await a.items.save({ ...alpha, name: 'Alpha renamed', password: 'pw-alpha-2' });
    await a.items.deleteForever([(await itemNamed(a, 'Beta'))!.id]);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    await idle(a);
    // A wrote a new snapshot after its push (its threshold is one change); B is served the old one.
    expect(uploads(wireA).length).toBeGreaterThan(old.length);
    const b = await newDevice(email, old);
    expect(await debt(b)).toBe(1);
    expect(await everything(b)).toEqual(await everything(a));
    expect(await itemNamed(b, 'Beta')).toBeUndefined();
    expect(await itemNamed(b, 'Alpha renamed')).toMatchObject({ password: 'pw-alpha-2' });
    expect((await b.engine.status()).reports).toEqual([]);
  }, 60_000);

  it('an old snapshot served beside the old envelopes it names, under the current revision, does not get the old version in: it is refused as rolled back', async () => {
    const { a, wireA, email, accountId } = await signedUp();
    const old = uploads(wireA);
    const alpha = (await itemNamed(a, 'Alpha')) as LoginItem;
    const db = server.sqlite();
    const before = readRow(db, accountId, alpha.id);
    db.close();
    await a.items.save({ ...alpha, name: 'Alpha renamed', password: 'pw-alpha-2' });
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    await idle(a);
    // The compromised server puts the old envelopes back under the current revision.
    const db2 = server.sqlite();
    const now = readRow(db2, accountId, alpha.id);
    writeRow(db2, accountId, { ...before, revision: now.revision }, { bump: false });
    db2.close();
    await server.settle();
    const b = await newDevice(email, old);
    expect(await itemNamed(b, 'Alpha')).toBeUndefined();
    expect(await itemNamed(b, 'Alpha renamed')).toBeUndefined();
    expect((await b.engine.status()).reports.map((r) => r.kind)).toContain('rolled-back');
  }, 60_000);

  it("another account's snapshot is not used: every item is opened, and the vault is complete", async () => {
    const first = await signedUp();
    const other = await signedUp([login({ name: 'Elsewhere' })]);
    const b = await newDevice(first.email, uploads(other.wireA));
    expect(await debt(b)).toBe(4);
    expect(await everything(b)).toEqual(await everything(first.a));
    expect((await b.engine.status()).reports).toEqual([]);
  }, 60_000);

  it('a snapshot entry with a forged overview for the current envelopes is only as good as the key that sealed it: without the vault key, none opens', async () => {
    const { a, wireA, email } = await signedUp();
    // Every chunk bit-flipped: AEAD refuses it, and the items are opened instead.
    const snapshot = uploads(wireA).map((c) => ({
      ...c,
      chunk: `${c.chunk.slice(0, -8)}${c.chunk.slice(-8) === 'AAAAAAAA' ? 'BAAAAAAA' : 'AAAAAAAA'}`,
    }));
    const b = await newDevice(email, snapshot);
    expect(await debt(b)).toBe(4);
    expect(await everything(b)).toEqual(await everything(a));
  }, 60_000);

  it('the vault locked as the snapshot is about to be written: nothing fails or is reported, and a later run writes it', async () => {
    const email = `snapshot${++accounts}@example.org`;
    const a = createDevice({ clock, name: 'A', snapshotMinChanges: 1 });
    expect(await signUpWith(a, server.url, ITEMS(), { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    await a.vault.lock();
    await idle(a);
    const afterLock = await a.engine.status();
    expect([afterLock.lastError, afterLock.reports]).toEqual([null, []]);
    await a.vault.unlock(PASSWORD);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    await idle(a);
    expect(await debt(a)).toBe(0);
    const b = await newDevice(email);
    expect(await debt(b)).toBe(0);
    expect(await everything(b)).toEqual(await everything(a));
  }, 60_000);

  it('the first new device to find the snapshot stale writes a fresh one, which the next device uses whole', async () => {
    const email = `snapshot${++accounts}@example.org`;
    const a = createDevice({ clock, name: 'A', snapshotMinChanges: 1 });
    expect(await signUpWith(a, server.url, ITEMS(), { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    await idle(a);
    // Another device's edits that never crossed its own threshold.
    const quiet = createDevice({ clock, name: 'Quiet', snapshotMinChanges: 1_000 });
    expect(await logInWith(quiet, server.url, { email })).toMatchObject({ ok: true });
    for (const name of ['Beta', 'Gamma']) {
      const item = (await itemNamed(quiet, name)) as LoginItem;
      await quiet.items.save({ ...item, name: `${name} 2` });
    }
    expect(await quiet.engine.syncNow()).toMatchObject({ ok: true });
    const wire = createWire();
    const b = createDevice({ clock, name: 'B', fetch: wire.fetch, snapshotMinChanges: 2 });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
    await idle(b);
    expect(uploads(wire)).toHaveLength(1);
    const c = await newDevice(email);
    expect(await debt(c)).toBe(0);
    expect(await everything(c)).toEqual(await everything(quiet));
  }, 60_000);
});

/** A fetch over `wire` that holds every sync.pull until `release()`: the pages are still coming. */
function holdingPulls(wire: Wire): { fetch: typeof fetch; release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    release,
    fetch: async (resource, init) => {
      const url = typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url;
      if (url.includes('/sync.pull')) await released;
      return wire.fetch(resource, init);
    },
  };
}

const listedNames = async (device: Device): Promise<string[]> =>
  (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 100 })).rows.map((row) => row.name);

const idNamed = async (device: Device, name: string): Promise<string> =>
  (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 100 })).rows.find((row) => row.name === name)!.id;

/** Whether `promise` is still pending after `ms`. */
async function stillPending(promise: Promise<unknown>, ms = 300): Promise<boolean> {
  const waited = Symbol('pending');
  const first = await Promise.race([
    promise.then(
      () => null,
      () => null,
    ),
    new Promise((resolve) => setTimeout(() => resolve(waited), ms)),
  ]);
  return first === waited;
}

describe('items listed ahead of their rows (ADR 0027)', () => {
  it('a new device lists, searches and suggests the items the tree vouches for before their pages come; reading one waits for its row', async () => {
    const { a, email } = await signedUp();
    const held = holdingPulls(createWire());
    const b = createDevice({ clock, name: 'B', fetch: held.fetch, snapshotMinChanges: 1_000 });
    const loggedIn = logInWith(b, server.url, { email });
    await expect.poll(() => listedNames(b), { timeout: 20_000 }).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma']);
    expect(await b.db.items.count()).toBe(0);
    const suggested = await b.vault.borrow((u) => u.index.candidatesFor('https://alpha.example.org/login').map((o) => o.name));
    expect(suggested).toEqual(['Alpha']);
    const reading = b.items.get(await idNamed(b, 'Alpha'));
    const editing = b.items.trash([await idNamed(b, 'Beta')]);
    expect(await stillPending(reading)).toBe(true);
    expect(await stillPending(editing)).toBe(true);
    held.release();
    expect(await loggedIn).toMatchObject({ ok: true });
    expect(await reading).toMatchObject({ name: 'Alpha', password: 'pw-alpha' });
    await editing;
    // The edit made after the row came is the device's own change, and syncs like one.
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect((await b.engine.status()).pendingChanges).toBe(0);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    const trash = await a.items.list({ filter: { kind: 'trash' }, query: '', offset: 0, limit: 10 });
    expect(trash.rows.map((row) => row.name)).toEqual(['Beta']);
    expect(await everything(b)).toEqual(await everything(a));
    expect((await b.engine.status()).reports).toEqual([]);
  }, 60_000);

  it('an entry whose item changed or was deleted since the snapshot is not listed ahead: the tree does not vouch for its digest', async () => {
    const { a, wireA, email } = await signedUp();
    const old = uploads(wireA);
    const alpha = (await itemNamed(a, 'Alpha')) as LoginItem;
    await a.items.save({ ...alpha, name: 'Alpha renamed' });
    await a.items.deleteForever([(await itemNamed(a, 'Beta'))!.id]);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    await idle(a);
    const wire = createWire();
    wire.tamper = serving(old);
    const held = holdingPulls(wire);
    const b = createDevice({ clock, name: 'B', fetch: held.fetch, snapshotMinChanges: 1_000 });
    const loggedIn = logInWith(b, server.url, { email });
    await expect.poll(() => listedNames(b), { timeout: 20_000 }).toEqual(['Delta', 'Gamma']);
    expect(await stillPending(loggedIn)).toBe(true);
    expect(await listedNames(b)).toEqual(['Delta', 'Gamma']);
    held.release();
    expect(await loggedIn).toMatchObject({ ok: true });
    expect(await listedNames(b)).toEqual(['Alpha renamed', 'Delta', 'Gamma']);
  }, 60_000);

  it('what is listed ahead is never stored: a local write meanwhile stores an index of the rows alone, which a restarted worker unlocks with', async () => {
    const { email } = await signedUp();
    let pulls = 0;
    const wire = createWire();
    // The first page is never answered: the worker stops there.
    const stuck: typeof fetch = (resource, init) => {
      const url = typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url;
      if (url.includes('/sync.pull') && ++pulls === 1) return new Promise<Response>(() => undefined);
      return wire.fetch(resource, init);
    };
    const b = createDevice({ clock, name: 'B', fetch: stuck, snapshotMinChanges: 1_000 });
    void logInWith(b, server.url, { email });
    await expect.poll(() => listedNames(b), { timeout: 20_000 }).toHaveLength(4);
    await b.items.save(login({ name: 'Local' }));
    const restarted = b.restart();
    await restarted.vault.lock();
    const preview = await restarted.vault.unlock(PASSWORD);
    expect(preview).toMatchObject({ size: 1, page: { total: 1, rows: [{ name: 'Local' }] } });
    expect(await listedNames(restarted)).toEqual(['Local']);
    expect(await restarted.engine.syncNow()).toMatchObject({ ok: true });
    expect(await listedNames(restarted)).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma', 'Local']);
  }, 60_000);

  it('an item the pages never bring is no longer listed once the listing ends, and a read that waited for it finds nothing', async () => {
    const { a, email } = await signedUp();
    const gamma = (await itemNamed(a, 'Gamma'))!.id;
    const wire = createWire();
    // The server leaves Gamma out of its pages (the manifest still names it).
    wire.tamper = (procedure, data) =>
      procedure === 'sync.pull' ? { ...data, items: (data.items as { id: string }[]).filter((item) => item.id !== gamma) } : data;
    const held = holdingPulls(wire);
    const b = createDevice({ clock, name: 'B', fetch: held.fetch, snapshotMinChanges: 1_000 });
    const loggedIn = logInWith(b, server.url, { email });
    await expect.poll(() => listedNames(b), { timeout: 20_000 }).toContain('Gamma');
    const reading = b.items.get(gamma);
    reading.catch(() => undefined);
    held.release();
    await loggedIn;
    await expect(reading).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listedNames(b)).toEqual(['Alpha', 'Beta', 'Delta']);
    // The stored index holds no Gamma either.
    await b.vault.lock();
    expect(await b.vault.unlock(PASSWORD)).toMatchObject({ size: 3 });
  }, 60_000);

  it('a lock while a read waits for a row listed ahead ends the wait with LOCKED, and the next unlock lists only rows', async () => {
    const { email } = await signedUp();
    const held = holdingPulls(createWire());
    const b = createDevice({ clock, name: 'B', fetch: held.fetch, snapshotMinChanges: 1_000 });
    const loggedIn = logInWith(b, server.url, { email });
    loggedIn.catch(() => undefined);
    await expect.poll(() => listedNames(b), { timeout: 20_000 }).toHaveLength(4);
    const reading = b.items.get(await idNamed(b, 'Delta'));
    reading.catch(() => undefined);
    await b.vault.lock();
    await expect(reading).rejects.toMatchObject({ code: 'LOCKED' });
    held.release();
    await loggedIn.catch(() => undefined);
    await b.vault.unlock(PASSWORD);
    expect(await b.db.items.count()).toBe((await b.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1 })).total);
  }, 60_000);
});
