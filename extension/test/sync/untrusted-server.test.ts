// A server we do not trust (docs/architecture.md, "Integrity against a malicious server"): each test plays the compromised server — by editing the
// REAL server's SQLite file while it runs, or by rewriting its answers on the wire — and checks that
// the extension refuses, reports in plain words, and never lets tampered data replace good local
// data. Every rule here has a test that fails when the rule is taken out.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LoginItem } from '@keyhold/shared/items/item';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createWire, type Wire } from './helpers/wire';
import { readRow, withEnvelopeVersion, writeRow } from './helpers/tamper';
import { createDevice, itemNamed, login, logInWith, PASSWORD, signUpWith, type Clock, type Device } from './helpers/device';
import { logOut } from '../../src/sync/devices';
import { HOLD_GRACE_MS } from '../../src/sync/held-changes';
import { HELD_FOLLOW_UPS_MS } from '../../src/sync/engine';
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  LEGACY_ROOT_FORMAT,
  MID_COUNT,
  ROOT_FORMAT,
  SPLIT_LEAVES,
  bucketOf,
  buildSlot,
  encodeBucket,
  encodeMid,
  encodeSplit,
  decodeSplit,
  nodeHash,
  parseRoot,
  signRoot,
  topSlot,
  type Leaf,
  type NodeKind,
  type RootFormat,
} from '@keyhold/shared/sync/manifest-tree';
import { manifestFromRecords, sealManifest } from '../../src/sync/manifest';
import { isTreeRoot } from '../../src/sync/manifest-book';
import { REPORT_MESSAGES } from '../../src/sync/reports';
import { t } from '../../src/i18n/messages';

let server!: RealServer;
let accounts = 0;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_760_000_000_000 };

type Pair = { a: Device; b: Device; email: string; accountId: string; wireB: Wire };

async function pair(items: LoginItem[], options: { kdf?: { memoryKiB: number; iterations: number; parallelism: number } } = {}): Promise<Pair> {
  const email = `victim${++accounts}@example.org`;
  const a = createDevice({ clock, name: 'A', ...(options.kdf ? { kdf: options.kdf } : {}) });
  expect(await signUpWith(a, server.url, items, { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
  const wireB = createWire();
  const b = createDevice({ clock, name: 'B', fetch: wireB.fetch });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  const accountId = await a.vault.borrow((u) => u.accountId);
  return { a, b, email, accountId, wireB };
}

async function idOf(device: Device, name: string): Promise<string> {
  return (await itemNamed(device, name))!.id;
}

async function reportKinds(device: Device): Promise<string[]> {
  return (await device.engine.status()).reports.map((r) => r.kind);
}

async function names(device: Device): Promise<string[]> {
  return (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 100 })).rows.map((r) => r.name).sort();
}

function withDb<T>(work: (db: ReturnType<RealServer['sqlite']>) => T): T {
  const db = server.sqlite();
  try {
    return work(db);
  } finally {
    db.close();
  }
}

describe('key derivation and the vault key', () => {
  it('KDF parameters weaker than this device last used are refused before the auth key is sent', async () => {
    const strong = { memoryKiB: 32 * 1024, iterations: 3, parallelism: 1 };
    const { a, email, accountId } = await pair([login({ name: 'Pinned' })], { kdf: strong });
    await logOut(a.account);
    withDb((db) => db.prepare('UPDATE accounts SET kdf_memory_kib = 19456, kdf_iterations = 2 WHERE id = ?').run(accountId));
    await server.settle();
    const before = server.procedures().length;
    await expect(logInWith(a, server.url, { email })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/weaker than the ones this device last used/),
    });
    // The server was asked for the parameters, and nothing else: no auth key reached it.
    await expect.poll(() => server.procedures().slice(before)).toEqual(['account.prelogin']);
    expect((await a.engine.status()).connection).toBeNull();
  }, 60_000);

  it('a new device takes no settings below the default from a server before the user accepts a plain warning; no auth key is sent before', async () => {
    // The account uses the floors (the test devices' default), as a malicious server could claim of any account.
    const { email } = await pair([login({ name: 'Weak' })]);
    const c = createDevice({ clock, name: 'C' });
    await server.settle();
    const before = server.procedures().length;
    await expect(logInWith(c, server.url, { email, acceptWeakerKdf: false })).rejects.toMatchObject({
      code: 'CONFIRM',
      message: expect.stringMatching(
        /weaker unlock settings than Keyhold's default \(memory 19 MiB instead of 64 MiB, 2 passes instead of 3, parallelism 1 instead of 4\)/,
      ),
    });
    await expect.poll(() => server.procedures().slice(before)).toEqual(['account.prelogin']);
    expect((await c.vault.status()).state).toBe('none');
    expect(await logInWith(c, server.url, { email, acceptWeakerKdf: true })).toMatchObject({ ok: true });
    expect(await names(c)).toEqual(['Weak']);
  }, 60_000);

  it('settings that would hang or exhaust the device are refused before any derivation; only the parameters were asked for', async () => {
    const { email } = await pair([login({ name: 'Costly' })]);
    await server.settle();
    const before = server.procedures().length;
    // Each setting within its own ceiling, together far above the work a log-in may ask of a device (1 GiB × 4 passes).
    const wire = createWire();
    wire.tamper = (procedure, data) =>
      procedure === 'account.prelogin' ? { kdf: { ...data.kdf, memoryKiB: 1024 * 1024, iterations: 50, parallelism: 16 } } : data;
    const costly = createDevice({ clock, name: 'C', fetch: wire.fetch });
    await expect(logInWith(costly, server.url, { email })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/beyond what Keyhold will run/),
    });
    await expect.poll(() => server.procedures().slice(before)).toEqual(['account.prelogin']);
    expect((await costly.vault.status()).state).toBe('none');
  }, 60_000);

  it('a replaced wrapped vault key: log-in refuses, reports it, downloads nothing and ends the session', async () => {
    const { accountId } = await pair([login({ name: 'Victim item' })]);
    const other = await pair([login({ name: 'Attacker item' })]);
    withDb((db) => {
      const stolen = db.prepare('SELECT wrapped_vault_key FROM accounts WHERE id = ?').get(other.accountId) as { wrapped_vault_key: string };
      db.prepare('UPDATE accounts SET wrapped_vault_key = ? WHERE id = ?').run(stolen.wrapped_vault_key, accountId);
    });
    const email = `victim${accounts - 1}@example.org`;
    const c = createDevice({ clock, name: 'C' });
    await server.settle();
    const before = server.procedures().length;
    await expect(logInWith(c, server.url, { email })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/does not open with your master password/),
    });
    expect((await c.vault.status()).state).toBe('none');
    expect(await reportKinds(c)).toContain('header-mismatch');
    await expect.poll(() => server.procedures().slice(before)).toEqual(['account.prelogin', 'account.login', 'vault.getHeader', 'session.logout']);
  }, 60_000);
});

describe('envelopes that do not belong where the server puts them', () => {
  it('envelopes swapped between two items are refused and reported; both local copies stay', async () => {
    const { b, accountId } = await pair([login({ name: 'First', password: 'pw-1' }), login({ name: 'Second', password: 'pw-2' })]);
    const [first, second] = [await idOf(b, 'First'), await idOf(b, 'Second')];
    withDb((db) => {
      const x = readRow(db, accountId, first);
      const y = readRow(db, accountId, second);
      writeRow(
        db,
        accountId,
        { ...x, overview_envelope: y.overview_envelope, details_envelope: y.details_envelope, key_envelope: y.key_envelope },
        { bump: true },
      );
      writeRow(db, accountId, { ...y, overview_envelope: x.overview_envelope }, { bump: true });
    });
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 0 });
    const reports = (await b.engine.status()).reports;
    expect(reports.map((r) => [r.kind, r.itemName]).sort()).toEqual([
      ['undecryptable', 'First'],
      ['undecryptable', 'Second'],
    ]);
    expect(t(REPORT_MESSAGES[reports[0]!.kind])).toMatch(/refused; your copy is unchanged/);
    expect(((await itemNamed(b, 'First')) as LoginItem).password).toBe('pw-1');
    expect(((await itemNamed(b, 'Second')) as LoginItem).password).toBe('pw-2');
  }, 60_000);

  it("an item's overview served as its details (and the reverse) is refused", async () => {
    const { b, accountId } = await pair([login({ name: 'Parts', password: 'parts-pw' })]);
    const id = await idOf(b, 'Parts');
    withDb((db) => {
      const x = readRow(db, accountId, id);
      writeRow(db, accountId, { ...x, overview_envelope: x.details_envelope, details_envelope: x.overview_envelope }, { bump: true });
    });
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['undecryptable']);
    expect(((await itemNamed(b, 'Parts')) as LoginItem).password).toBe('parts-pw');
  }, 60_000);

  it("another account's envelopes for the same item id are refused", async () => {
    const victim = await pair([login({ name: 'Mine', password: 'mine-pw' })]);
    const id = await idOf(victim.b, 'Mine');
    const attacker = await pair([]);
    await attacker.a.items.importMany([login({ id, name: 'Theirs', password: 'their-pw' })]);
    await attacker.a.engine.syncNow();
    withDb((db) => {
      const theirs = readRow(db, attacker.accountId, id);
      writeRow(db, victim.accountId, { ...theirs }, { bump: true });
    });
    await victim.b.engine.syncNow();
    expect(await reportKinds(victim.b)).toEqual(['undecryptable']);
    expect(await names(victim.b)).toEqual(['Mine']);
  }, 60_000);

  it('an envelope in an unknown format version is refused', async () => {
    const { b, accountId } = await pair([login({ name: 'Versioned', password: 'v1-pw' })]);
    const id = await idOf(b, 'Versioned');
    withDb((db) => {
      const x = readRow(db, accountId, id);
      writeRow(db, accountId, { ...x, details_envelope: withEnvelopeVersion(x.details_envelope!, 3) }, { bump: true });
    });
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['undecryptable']);
    expect(((await itemNamed(b, 'Versioned')) as LoginItem).password).toBe('v1-pw');
  }, 60_000);
});

describe('revisions and the manifest', () => {
  it("an item's revision going backwards (an older version served again) is refused", async () => {
    const { a, b, accountId } = await pair([login({ name: 'Rolling', username: 'v1' })]);
    const id = await idOf(a, 'Rolling');
    const old = withDb((db) => readRow(db, accountId, id));
    const item = (await itemNamed(a, 'Rolling')) as LoginItem;
    await a.items.save({ ...item, username: 'v2' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    withDb((db) => writeRow(db, accountId, old, { bump: false }));

    // An existing device notices when it checks the whole listing…
    await b.engine.syncNow({ full: true });
    expect(await reportKinds(b)).toEqual(['revision-backwards']);
    expect(((await itemNamed(b, 'Rolling')) as LoginItem).username).toBe('v2');
    // …and a new device, which has no history, refuses it through the manifest.
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email: `victim${accounts}@example.org` });
    expect(await reportKinds(c)).toEqual(['revision-backwards']);
    expect(await names(c)).toEqual([]);
  }, 60_000);

  it('a pull answer that breaks the protocol (a revision at or below the cursor) is not acted upon', async () => {
    const { a, b, wireB } = await pair([login({ name: 'Wire', username: 'good' })]);
    const item = (await itemNamed(a, 'Wire')) as LoginItem;
    await a.items.save({ ...item, username: 'newer' });
    await a.engine.syncNow();
    wireB.tamper = (procedure, data, input) => {
      const since = (input as { since?: number } | undefined)?.since ?? 0;
      if (procedure === 'sync.pull' && data.items) for (const entry of data.items as { revision: number }[]) entry.revision = since;
      return data;
    };
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/does not accept/) });
    expect(((await itemNamed(b, 'Wire')) as LoginItem).username).toBe('good');
    wireB.tamper = null;
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 1 });
  }, 60_000);

  it('an item vanishing from the server is detected through the manifest by a new device and healed by an old one', async () => {
    const { a, accountId, email } = await pair([login({ name: 'Stays' }), login({ name: 'Vanishes', password: 'keep-me' })]);
    const id = await idOf(a, 'Vanishes');
    withDb((db) => db.prepare('DELETE FROM items WHERE account_id = ? AND id = ?').run(accountId, id));

    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual(['vanished']);
    expect(await names(c)).toEqual(['Stays']);

    await a.engine.syncNow({ full: true });
    expect(await reportKinds(a)).toEqual(['vanished']);
    expect(((await itemNamed(a, 'Vanishes')) as LoginItem).password).toBe('keep-me');
    // A uploaded its copy again and vouched for it; C gets it back.
    await c.engine.syncNow();
    expect(await names(c)).toEqual(['Stays', 'Vanishes']);
  }, 60_000);

  it('a deleted item brought back with its old data is refused, by old and new devices alike', async () => {
    const { a, b, accountId, email } = await pair([login({ name: 'Gone' }), login({ name: 'Other' })]);
    const id = await idOf(a, 'Gone');
    const before = withDb((db) => readRow(db, accountId, id));
    await a.items.deleteForever([id]);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await names(b)).toEqual(['Other']);
    withDb((db) => writeRow(db, accountId, before, { bump: false }));

    await b.engine.syncNow({ full: true });
    expect(await reportKinds(b)).toEqual(['resurrected']);
    expect(await names(b)).toEqual(['Other']);
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual(['resurrected']);
    expect(await names(c)).toEqual(['Other']);
  }, 60_000);

  it('a resurrection served as a new change is held back, never applied, and reported when nobody vouches for it', async () => {
    const { a, b, accountId } = await pair([login({ name: 'Deleted' }), login({ name: 'Kept' })]);
    const id = await idOf(a, 'Deleted');
    const before = withDb((db) => readRow(db, accountId, id));
    await a.items.deleteForever([id]);
    await a.engine.syncNow();
    await b.engine.syncNow();
    withDb((db) => writeRow(db, accountId, before, { bump: true }));

    b.scheduler.requests.length = 0;
    await b.engine.syncNow();
    expect(await names(b)).toEqual(['Kept']);
    expect((await b.engine.status()).held).toBe(1);
    expect(await reportKinds(b)).toEqual([]);
    // A held change is looked at again soon (its vouching manifest entry may be moments behind), a few times only.
    expect(b.scheduler.requests).toEqual([HELD_FOLLOW_UPS_MS[0]]);
    for (let i = 1; i < HELD_FOLLOW_UPS_MS.length + 2; i++) await b.engine.syncNow();
    expect(b.scheduler.requests).toEqual(HELD_FOLLOW_UPS_MS);
    clock.now += HOLD_GRACE_MS + 1;
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['unconfirmed']);
    expect(await names(b)).toEqual(['Kept']);
  }, 60_000);

  it('a deletion no device made — served as a change, or in place of the current version — never removes the local copy', async () => {
    const { a, b, accountId } = await pair([login({ name: 'Precious', password: 'precious-pw' }), login({ name: 'Also' })]);
    const precious = await idOf(a, 'Precious');
    const also = await idOf(a, 'Also');
    const tombstone = (id: string) => ({ id, deleted: 1 as const, key_envelope: null, overview_envelope: null, details_envelope: null });
    withDb((db) => {
      writeRow(db, accountId, tombstone(precious), { bump: true });
      writeRow(db, accountId, { ...tombstone(also), revision: readRow(db, accountId, also).revision }, { bump: false });
    });
    await b.engine.syncNow({ full: true });
    expect(await names(b)).toEqual(['Also', 'Precious']);
    expect(await reportKinds(b)).toEqual(['forged-delete']);
    expect((await b.engine.status()).held).toBe(1);
    clock.now += HOLD_GRACE_MS + 1;
    await b.engine.syncNow();
    expect((await reportKinds(b)).sort()).toEqual(['forged-delete', 'unconfirmed']);
    expect(((await itemNamed(b, 'Precious')) as LoginItem).password).toBe('precious-pw');

    // Once reported, the forged version no longer blocks B's own edits: they replace it on the server.
    const item = (await itemNamed(b, 'Precious')) as LoginItem;
    await b.items.save({ ...item, password: 'edited-after-report' });
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pushed: 1, held: 0 });
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email: `victim${accounts}@example.org` });
    expect(((await itemNamed(c, 'Precious')) as LoginItem).password).toBe('edited-after-report');
  }, 60_000);

  it('a manifest the devices did not seal is reported and vouches for nothing', async () => {
    const { a, b, accountId } = await pair([login({ name: 'Listed', username: 'before' })]);
    const item = (await itemNamed(a, 'Listed')) as LoginItem;
    await a.items.save({ ...item, username: 'after' });
    await a.engine.syncNow();
    withDb((db) =>
      db
        .prepare('UPDATE accounts SET manifest = ?, header_revision = header_revision + 1 WHERE id = ?')
        .run(Buffer.alloc(64, 7).toString('base64url'), accountId),
    );
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-invalid']);
    expect(((await itemNamed(b, 'Listed')) as LoginItem).username).toBe('before');
    expect((await b.engine.status()).held).toBe(1);
  }, 60_000);

  it('a server that went back in time pauses syncing and says so', async () => {
    const { a, b, accountId } = await pair([login({ name: 'Time' })]);
    const item = (await itemNamed(a, 'Time')) as LoginItem;
    await a.items.save({ ...item, username: 'later' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    withDb((db) => db.prepare('UPDATE accounts SET revision = 1 WHERE id = ?').run(accountId));
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/behind this device/) });
    expect(await reportKinds(b)).toEqual(['server-rollback']);
    expect(((await itemNamed(b, 'Time')) as LoginItem).username).toBe('later');
    await b.vault.lock();
    await b.vault.unlock(PASSWORD);
  }, 60_000);
});

// The audit's reproduction (issue #12): the server served an item's old envelopes — or the old
// overview with the new details — under the current revision, and every device but the writer took
// it. The manifest now names each revision's content by a digest and is a tree with a counter (ADR 0023).
describe('content served under a revision that does not hold it', () => {
  const manifestOf = (accountId: string) =>
    withDb((db) => (db.prepare('SELECT manifest FROM accounts WHERE id = ?').get(accountId) as { manifest: string | null }).manifest);
  const setManifest = (accountId: string, manifest: string) =>
    withDb((db) => db.prepare('UPDATE accounts SET manifest = ?, header_revision = header_revision + 1 WHERE id = ?').run(manifest, accountId));

  async function changedOnA(items: LoginItem[]) {
    const p = await pair(items);
    const id = await idOf(p.a, 'Bank');
    const old = withDb((db) => readRow(db, p.accountId, id));
    const item = (await itemNamed(p.a, 'Bank')) as LoginItem;
    await p.a.items.save({ ...item, password: 'new-pw', urls: [{ url: 'https://new.bank.example', match: 'default' }] });
    expect(await p.a.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    return { ...p, id, old, current: withDb((db) => readRow(db, p.accountId, id)) };
  }

  it('old envelopes under the current revision are refused by a device that synced before and by a new one', async () => {
    const { b, accountId, email, old, current } = await changedOnA([login({ name: 'Bank', password: 'old-pw' })]);
    withDb((db) => writeRow(db, accountId, { ...old, revision: current.revision }, { bump: false }));

    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 0 });
    expect(await reportKinds(b)).toEqual(['rolled-back']);
    expect(((await itemNamed(b, 'Bank')) as LoginItem).password).toBe('old-pw');
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual(['rolled-back']);
    expect(await names(c)).toEqual([]);
  }, 60_000);

  it("an old overview with the new details (parts of two versions) does not even open; the writer's next sync heals it", async () => {
    const { a, b, accountId, email, old, current } = await changedOnA([login({ name: 'Bank', password: 'old-pw' })]);
    withDb((db) => writeRow(db, accountId, { ...current, overview_envelope: old.overview_envelope }, { bump: false }));

    // The parts are bound to their write (envelope version 2), so this is refused before the manifest
    // is asked; parts sealed before that binding are refused by the manifest's digest instead.
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['undecryptable']);
    expect(((await itemNamed(b, 'Bank')) as LoginItem).password).toBe('old-pw');
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual(['undecryptable']);
    expect(await names(c)).toEqual([]);
    // The writer's own copy is untouched; its next edit replaces the tampered row and everyone converges.
    const item = (await itemNamed(a, 'Bank')) as LoginItem;
    await a.items.save({ ...item, notes: 'edited again' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    await c.engine.syncNow();
    for (const device of [b, c]) {
      const got = (await itemNamed(device, 'Bank')) as LoginItem;
      expect([got.password, got.urls[0]!.url, got.notes]).toEqual(['new-pw', 'https://new.bank.example', 'edited again']);
    }
  }, 60_000);

  it('a manifest root older than one a device verified is refused and reported; the change it would vouch for stays held', async () => {
    const { a, b, accountId } = await pair([login({ name: 'First' }), login({ name: 'Second' })]);
    const early = manifestOf(accountId)!;
    expect(isTreeRoot(early)).toBe(true);
    const first = (await itemNamed(a, 'First')) as LoginItem;
    await a.items.save({ ...first, username: 'one' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(((await itemNamed(b, 'First')) as LoginItem).username).toBe('one');
    const second = (await itemNamed(a, 'Second')) as LoginItem;
    await a.items.save({ ...second, username: 'two' });
    await a.engine.syncNow();
    setManifest(accountId, early);

    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-behind']);
    expect(((await itemNamed(b, 'Second')) as LoginItem).username).toBe('octo');
    expect((await b.engine.status()).held).toBe(1);
  }, 60_000);

  it('a root the devices did not sign (a forged counter or subtree) is reported and vouches for nothing', async () => {
    const { a, b, accountId } = await pair([login({ name: 'Signed', username: 'before' })]);
    const item = (await itemNamed(a, 'Signed')) as LoginItem;
    await a.items.save({ ...item, username: 'after' });
    await a.engine.syncNow();
    const root = Buffer.from(manifestOf(accountId)!, 'base64url');
    root[8] = root[8]! + 1;
    setManifest(accountId, root.toString('base64url'));
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-invalid']);
    expect(((await itemNamed(b, 'Signed')) as LoginItem).username).toBe('before');
  }, 60_000);

  it('an account on the sealed whole-list manifest (before the tree) is moved to the tree, and is then protected', async () => {
    const { a, b, accountId, email } = await pair([login({ name: 'Bank', password: 'old-pw' }), login({ name: 'Other' })]);
    // As main left it before ADR 0023: a sealed format-1 manifest on the server and no nodes; entries
    // without digests and no root on the devices.
    const keys = await a.vault.borrow((u) => ({ accountId: u.accountId, vaultKey: u.vaultKey.slice() }));
    const entries = (await a.engine.state.get('manifest'))!.map((e) => ({ id: e.id, revision: e.revision, deleted: e.deleted }));
    setManifest(accountId, sealManifest(new Map(entries.map((e) => [e.id, { revision: e.revision, deleted: e.deleted }])), keys));
    withDb((db) => db.prepare('DELETE FROM manifest_nodes WHERE account_id = ?').run(accountId));
    for (const device of [a, b]) {
      await device.engine.state.put('manifest', entries);
      await device.engine.state.delete('manifestRoot');
    }

    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(isTreeRoot(manifestOf(accountId)!)).toBe(true);
    expect((await a.engine.state.get('manifest'))!.every((e) => e.deleted || typeof e.digest === 'string')).toBe(true);

    // The rollback of the reproduction is now caught.
    const id = await idOf(a, 'Bank');
    const old = withDb((db) => readRow(db, accountId, id));
    const item = (await itemNamed(a, 'Bank')) as LoginItem;
    await a.items.save({ ...item, password: 'new-pw' });
    await a.engine.syncNow();
    const current = withDb((db) => readRow(db, accountId, id));
    withDb((db) => writeRow(db, accountId, { ...old, revision: current.revision }, { bump: false }));
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['rolled-back']);
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual(['rolled-back']);
    expect(await names(c)).toEqual(['Other']);
  }, 60_000);

  it('a change costs the nodes that changed: one mid and one bucket, not the whole list', async () => {
    const many = Array.from({ length: 300 }, (_, i) => login({ name: `Site ${i}` }));
    const { a, b, wireB } = await pair([...many, login({ name: 'Bank' })]);
    const item = (await itemNamed(a, 'Bank')) as LoginItem;
    await a.items.save({ ...item, password: 'new-pw' });
    await a.engine.syncNow();
    wireB.log.length = 0;
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 1 });
    const nodes = wireB.log.filter((e) => e.procedure === 'vault.getNodes');
    expect(nodes.map((e) => (e.input as { hashes: string[] }).hashes.length)).toEqual([1, 1]);
    expect(nodes.reduce((n, e) => n + e.responseBytes, 0)).toBeLessThan(2_500);
    // The page carries the root that vouches for it: no header request.
    expect(wireB.log.map((e) => e.procedure)).toEqual(['sync.pull', 'vault.getNodes', 'vault.getNodes']);
  }, 60_000);

  it('a node the root names but the server withholds: reported, and the change it would vouch for stays held', async () => {
    const { a, b, wireB } = await pair([login({ name: 'Withheld', username: 'before' })]);
    const item = (await itemNamed(a, 'Withheld')) as LoginItem;
    await a.items.save({ ...item, username: 'after' });
    await a.engine.syncNow();
    wireB.tamper = (procedure, data) => (procedure === 'vault.getNodes' ? { nodes: [] } : data);
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-invalid']);
    expect(((await itemNamed(b, 'Withheld')) as LoginItem).username).toBe('before');
    expect((await b.engine.status()).held).toBe(1);
    wireB.tamper = null;
    clock.now += 1;
    await b.engine.syncNow();
    expect(((await itemNamed(b, 'Withheld')) as LoginItem).username).toBe('after');
  }, 60_000);

  it("a new device's whole-tree read is checked node by node: swapped, dropped or unasked-for nodes are asked for again by hash", async () => {
    const many = Array.from({ length: 300 }, (_, i) => login({ name: `Site ${i}` }));
    const { email } = await pair([...many, login({ name: 'Bank', password: 'bank-pw' })]);
    const total = async (device: Device) => (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1 })).total;
    type Node = { hash: string; kind: string; bytes: string };

    // The subtree answers come back with two buckets' bytes swapped (each then hashes to the other's
    // name), a mid left out, and a node nobody asked for.
    const damaged: string[] = [];
    const wireC = createWire();
    wireC.tamper = (procedure, data: { nodes: Node[]; complete: boolean }) => {
      if (procedure !== 'vault.getSubtrees' || damaged.length > 0) return data;
      const nodes = data.nodes.map((node) => ({ ...node }));
      const [x, y] = nodes.filter((node) => node.kind === 'bucket');
      [x!.bytes, y!.bytes] = [y!.bytes, x!.bytes];
      const mid = nodes.findIndex((node) => node.kind === 'mid');
      damaged.push(x!.hash, y!.hash, nodes[mid]!.hash);
      nodes.splice(mid, 1);
      nodes.push({ hash: Buffer.from(randomBytes(16)).toString('base64url'), kind: 'bucket', bytes: x!.bytes });
      return { ...data, nodes };
    };
    const c = createDevice({ clock, name: 'C', fetch: wireC.fetch });
    expect(await logInWith(c, server.url, { email })).toMatchObject({ ok: true });
    expect(await reportKinds(c)).toEqual([]);
    expect(await total(c)).toBe(301);
    expect(((await itemNamed(c, 'Bank')) as LoginItem).password).toBe('bank-pw');
    // Exactly the three damaged nodes were asked for again, by hash.
    const byHash = wireC.log.filter((e) => e.procedure === 'vault.getNodes').flatMap((e) => (e.input as { hashes: string[] }).hashes);
    expect(byHash.sort()).toEqual(damaged.sort());
  }, 60_000);

  it("a node withheld from a new device's reads of the tree: reported, nothing taken in, the account's tree left alone, and the next run completes", async () => {
    const many = Array.from({ length: 300 }, (_, i) => login({ name: `Site ${i}` }));
    const { a, email, accountId } = await pair([...many, login({ name: 'Bank', password: 'bank-pw' })]);
    const total = async (device: Device) => (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1 })).total;
    type Node = { hash: string; kind: string; bytes: string };
    const rootOf = () => withDb((db) => (db.prepare('SELECT manifest FROM accounts WHERE id = ?').get(accountId) as { manifest: string }).manifest);
    const root = rootOf();
    const wireD = createWire();
    let withheld: string | null = null;
    wireD.tamper = (procedure, data: { nodes: Node[] }) => {
      if (procedure === 'vault.getSubtrees') {
        withheld ??= data.nodes.find((node) => node.kind === 'bucket')!.hash;
        return { ...data, nodes: data.nodes.filter((node) => node.hash !== withheld) };
      }
      return procedure === 'vault.getNodes' ? { nodes: data.nodes.filter((node) => node.hash !== withheld) } : data;
    };
    const d = createDevice({ clock, name: 'D', fetch: wireD.fetch });
    await logInWith(d, server.url, { email });
    expect(await reportKinds(d)).toEqual(['manifest-invalid']);
    expect(await total(d)).toBe(0);
    // What D holds is none of the account's manifest: it must not publish a root over it.
    expect(rootOf()).toBe(root);
    expect(wireD.log.filter((e) => e.procedure === 'vault.putHeader')).toEqual([]);
    // The server behaving again, the next run takes everything in.
    wireD.tamper = null;
    clock.now += 1;
    expect(await d.engine.syncNow()).toMatchObject({ ok: true });
    expect(await total(d)).toBe(301);
    expect(((await itemNamed(d, 'Bank')) as LoginItem).password).toBe('bank-pw');
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(await reportKinds(a)).toEqual([]);
  }, 60_000);
});

describe('buckets that split (format 3)', () => {
  const manifestOf = (accountId: string) =>
    withDb((db) => (db.prepare('SELECT manifest FROM accounts WHERE id = ?').get(accountId) as { manifest: string | null }).manifest!);
  const formatOf = (accountId: string) => Buffer.from(manifestOf(accountId), 'base64url')[0];

  /** Items whose ids all fall in top slot abc (more than SPLIT_LEAVES: it splits), spread over its children. */
  const crowded = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      ...login({ name: `Crowded ${i}` }),
      id: `abc${(i % 16).toString(16)}${i.toString(16).padStart(4, '0')}-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
    }));

  type Override = (slot: string, leaves: Leaf[], add: (kind: NodeKind, bytes: Uint8Array) => Uint8Array) => Uint8Array | undefined;

  /**
   * Plays the server (or a buggy device with the vault key): publishes a tree over `device`'s copy of
   * the manifest in `format`, with the counter one up, writing its nodes straight into the database;
   * `override` makes the node of a top slot its own way.
   */
  async function publishTree(device: Device, accountId: string, format: RootFormat, override?: Override) {
    const keys = await device.vault.borrow((u) => ({ accountId: u.accountId, vaultKey: u.vaultKey.slice() }));
    const manifest = manifestFromRecords((await device.engine.state.get('manifest'))!);
    const byBucket = new Map<number, Leaf[]>();
    for (const [id, entry] of manifest) {
      byBucket.set(bucketOf(id), [
        ...(byBucket.get(bucketOf(id)) ?? []),
        { id, revision: entry.revision, deleted: entry.deleted, digest: entry.deleted ? null : (entry.digest ?? null) },
      ]);
    }
    const nodes: { kind: NodeKind; bytes: Uint8Array }[] = [];
    const add = (kind: NodeKind, bytes: Uint8Array) => {
      nodes.push({ kind, bytes });
      return nodeHash(kind, bytes);
    };
    const mids = Array.from({ length: MID_COUNT }, (_, m) => {
      const slots = Array.from({ length: BUCKETS_PER_MID }, (_, i) => {
        const slot = topSlot(m * BUCKETS_PER_MID + i);
        const leaves = byBucket.get(m * BUCKETS_PER_MID + i) ?? [];
        return override?.(slot, leaves, add) ?? buildSlot(leaves, slot, format, (_at, node) => add(node.kind, node.bytes));
      });
      return slots.every((hash) => hash === EMPTY_BUCKET_HASH) ? nodeHash('mid', encodeMid(slots)) : add('mid', encodeMid(slots));
    });
    const counter = parseRoot(Buffer.from(manifestOf(accountId), 'base64url')).counter + 1;
    const root = Buffer.from(signRoot(keys, { counter, mids }, format)).toString('base64url');
    withDb((db) => {
      const insert = db.prepare('INSERT OR IGNORE INTO manifest_nodes (account_id, hash, kind, bytes) VALUES (?, ?, ?, ?)');
      for (const node of nodes) insert.run(accountId, Buffer.from(nodeHash(node.kind, node.bytes)), node.kind, Buffer.from(node.bytes));
      db.prepare('UPDATE accounts SET manifest = ?, header_revision = header_revision + 1 WHERE id = ?').run(root, accountId);
    });
    return root;
  }

  /** A pair whose account has a split slot; A then changes an item in it, so B must look at the tree. */
  async function changedInSplit() {
    const p = await pair([...crowded(3 * SPLIT_LEAVES), login({ name: 'Elsewhere' })]);
    const item = (await itemNamed(p.a, 'Crowded 5')) as LoginItem;
    await p.a.items.save({ ...item, username: 'changed' });
    expect(await p.a.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    return p;
  }

  it('a crowded slot splits, and a change in it costs a mid, a split and one small bucket', async () => {
    const { a, b, wireB, accountId, email } = await changedInSplit();
    expect(formatOf(accountId)).toBe(ROOT_FORMAT);
    const kinds = withDb((db) => db.prepare('SELECT kind FROM manifest_nodes WHERE account_id = ?').all(accountId) as { kind: string }[]);
    expect(kinds.filter((k) => k.kind === 'split')).toHaveLength(1);
    wireB.log.length = 0;
    const served: string[] = [];
    wireB.tamper = (procedure, data: { nodes?: { kind: string }[] }) => {
      if (procedure === 'vault.getNodes') served.push(...data.nodes!.map((node) => node.kind));
      return data;
    };
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, pulled: 1 });
    wireB.tamper = null;
    expect(((await itemNamed(b, 'Crowded 5')) as LoginItem).username).toBe('changed');
    const nodes = wireB.log.filter((e) => e.procedure === 'vault.getNodes');
    expect(nodes.map((e) => (e.input as { hashes: string[] }).hashes.length)).toEqual([1, 1, 1]);
    expect(served).toEqual(['mid', 'split', 'bucket']);
    expect(await reportKinds(b)).toEqual([]);
    // A new device takes the whole tree, splits and all; a second change converges everywhere.
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual([]);
    expect(await names(c)).toHaveLength(3 * SPLIT_LEAVES + 1);
    const again = (await itemNamed(b, 'Crowded 20')) as LoginItem;
    await b.items.save({ ...again, username: 'from b' });
    await b.engine.syncNow();
    await a.engine.syncNow();
    await c.engine.syncNow();
    for (const device of [a, c]) expect(((await itemNamed(device, 'Crowded 20')) as LoginItem).username).toBe('from b');
    for (const device of [a, b, c]) expect(await reportKinds(device)).toEqual([]);
  }, 60_000);

  it('a split whose children are out of place (a node of the wrong position) is reported; the change stays held', async () => {
    const { a, b, accountId } = await changedInSplit();
    await publishTree(a, accountId, ROOT_FORMAT, (slot, leaves, add) => {
      if (slot !== 'abc') return undefined;
      let split: Uint8Array | null = null;
      buildSlot(leaves, slot, ROOT_FORMAT, (at, node) => {
        if (at === slot) split = node.bytes;
        else add(node.kind, node.bytes);
      });
      const children = decodeSplit(split!, slot);
      [children[1], children[2]] = [children[2]!, children[1]!];
      return add('split', encodeSplit(children));
    });
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-invalid']);
    expect(((await itemNamed(b, 'Crowded 5')) as LoginItem).username).toBe('octo');
    expect((await b.engine.status()).held).toBe(1);
  }, 60_000);

  it('a slot left as one big bucket where the split is due is reported; the change stays held', async () => {
    const { a, b, accountId } = await changedInSplit();
    await publishTree(a, accountId, ROOT_FORMAT, (slot, leaves, add) => (slot === 'abc' ? add('bucket', encodeBucket(leaves)) : undefined));
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-invalid']);
    expect(((await itemNamed(b, 'Crowded 5')) as LoginItem).username).toBe('octo');
    expect((await b.engine.status()).held).toBe(1);
  }, 60_000);

  it('a split over leaves that fit one bucket (another shape for the same leaves) is reported', async () => {
    const { a, b, accountId } = await changedInSplit();
    const lonely = await idOf(a, 'Elsewhere');
    await publishTree(a, accountId, ROOT_FORMAT, (slot, leaves, add) => {
      if (leaves.length !== 1 || leaves[0]!.id !== lonely) return undefined;
      const digit = Number.parseInt(lonely[3]!, 16);
      const child = add('bucket', encodeBucket(leaves));
      return add('split', encodeSplit(Array.from({ length: 16 }, (_, i) => (i === digit ? child : EMPTY_BUCKET_HASH))));
    });
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-invalid']);
    expect((await b.engine.status()).held).toBe(1);
  }, 60_000);

  it('a format-2 root served after a device saw format 3 is a rollback: reported, and the change stays held', async () => {
    const { a, b, accountId } = await changedInSplit();
    // A genuine format-2 tree over the current leaves, with a higher counter: only its format is old.
    await publishTree(a, accountId, LEGACY_ROOT_FORMAT);
    await b.engine.syncNow();
    expect(await reportKinds(b)).toEqual(['manifest-behind']);
    expect(((await itemNamed(b, 'Crowded 5')) as LoginItem).username).toBe('octo');
    expect((await b.engine.status()).held).toBe(1);
  }, 60_000);

  it('an account on the tree before splits (format 2) is moved to format 3 by the next device that syncs', async () => {
    const { a, b, accountId, email } = await pair([...crowded(3 * SPLIT_LEAVES), login({ name: 'Elsewhere' })]);
    // As the code before splits left it: a format-2 root over unsplit buckets, held by both devices.
    const old = await publishTree(a, accountId, LEGACY_ROOT_FORMAT);
    const counter = parseRoot(Buffer.from(old, 'base64url')).counter;
    withDb((db) => db.prepare("DELETE FROM manifest_nodes WHERE account_id = ? AND kind = 'split'").run(accountId));
    for (const device of [a, b]) await device.engine.state.put('manifestRoot', { counter, root: old });

    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(formatOf(accountId)).toBe(ROOT_FORMAT);
    expect(parseRoot(Buffer.from(manifestOf(accountId), 'base64url')).counter).toBe(counter + 1);
    const kinds = withDb((db) => db.prepare('SELECT kind FROM manifest_nodes WHERE account_id = ?').all(accountId) as { kind: string }[]);
    expect(kinds.filter((k) => k.kind === 'split')).toHaveLength(1);

    // B takes the new tree in with the next change, then refuses the old format.
    const item = (await itemNamed(a, 'Crowded 7')) as LoginItem;
    await a.items.save({ ...item, username: 'after the move' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(((await itemNamed(b, 'Crowded 7')) as LoginItem).username).toBe('after the move');
    expect(await reportKinds(b)).toEqual([]);
    expect(Buffer.from((await b.engine.state.get('manifestRoot'))!.root, 'base64url')[0]).toBe(ROOT_FORMAT);
    const c = createDevice({ clock, name: 'C' });
    await logInWith(c, server.url, { email });
    expect(await reportKinds(c)).toEqual([]);
    expect(await names(c)).toHaveLength(3 * SPLIT_LEAVES + 1);
  }, 60_000);
});
