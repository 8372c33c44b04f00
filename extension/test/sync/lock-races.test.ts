// The vault locking at random points of three sync steps that a lock may cut short (a lock wipes the
// run's key at once; the run must end as "locked", never as something the server did), against the
// real server:
// - the push of a clean slate, every item queued by the one 'queuedAll' record (queued-all.ts);
// - a new device's first pull, while it takes the manifest's root and tree in (manifest-book.ts);
// - the journal of what each push batch sent (sent-journal.ts), being written or dropped — with an
//   answer lost at the same time.
// Afterwards, with the vault unlocked and a few quiet runs: every device holds the same items, none
// is pending, held, conflicted or reported, the server holds each item once, a device logging in
// fresh gets them all, and nothing is left of the queue record or of the journal.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_PUSH_ITEMS } from '@keyhold/shared/sync/protocol-primitives';
import type { RunResult } from '../../src/sync/engine';
import { readSent } from '../../src/sync/sent-journal';
import { signUp } from '../../src/sync/sign-up';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createDevice, login, logInWith, PASSWORD, type Clock, type Device } from './helpers/device';
import { bulk, control, expectConverged, importWorld, offline, type Control } from './helpers/race';

let server!: RealServer;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_774_000_000_000 };
let accounts = 0;

const batchCount = (items: number) => Math.ceil(items / MAX_PUSH_ITEMS);

/** A few turns of the event loop: the lock lands while what followed the request is under way. */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The run ended as it may after a lock at a random point: locked, or done if the lock came after its last use of the key. */
function expectLockedOrDone(result: RunResult): void {
  expect(result.ok ? 'ok' : result.reason).toMatch(/^(ok|locked)$/);
}

/** Unlocks `device` if a lock began (waiting for it first). */
async function unlockAfter(device: Device, locking: Promise<void> | null): Promise<void> {
  if (!locking) return;
  await locking;
  await device.vault.unlock(PASSWORD);
}

/** Converged (helpers/race.ts), and nothing left of the queue record or of the journal of what was sent. */
async function expectSettled(email: string, devices: Device[], expected: string[]): Promise<void> {
  await expectConverged({ server, clock }, email, devices, expected);
  for (const device of devices) {
    expect(await device.engine.state.get('queuedAll')).toBeUndefined();
    expect((await readSent(device.db)).keys).toEqual([]);
  }
}

/**
 * A vault of `count` items on A (with `ctl` as its wire) signs up: every item is queued by the one
 * record, and the sign-up's run (returned) pushes them all. B logs in afterwards.
 */
async function signUpWithMany(ctl: Control, count: number) {
  const email = `locks${++accounts}@example.org`;
  const a = createDevice({ clock, name: 'A', fetch: ctl.fetch });
  await a.vault.create(PASSWORD);
  const items = bulk(count, 'item');
  await a.items.importMany(items);
  const run = () => signUp(a.account, { serverUrl: server.url, email, password: PASSWORD, deviceName: a.name, inviteToken: server.invite() });
  return { a, b: null, email, items, names: items.map((item) => item.name), run };
}

/** B, logging in to the account (a second device after a sign-up). */
async function secondDevice(email: string): Promise<Device> {
  const b = createDevice({ clock, name: 'B' });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  return b;
}

/** A signs up with two items, B logs in, then A imports `count` items: A's next run (returned) pushes them. */
async function importMany(ctl: Control, count: number) {
  const email = `locks${++accounts}@example.org`;
  const { a, b, seeds, imported } = await importWorld(ctl, { server, clock, email, count });
  const items = [...seeds, ...imported];
  return { a, b, email, items, names: items.map((item) => item.name), run: () => a.engine.syncNow() };
}

it('the vault locking in the middle of the push of a clean slate (queued by one record): after unlocking, everything converges and the record is gone', async () => {
  type When = 'sent' | 'answered' | 'later';
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 2 * MAX_PUSH_ITEMS, max: 3 * MAX_PUSH_ITEMS }),
      fc.nat(),
      fc.constantFrom<When>('sent', 'answered', 'later'),
      fc.integer({ min: 1, max: 40 }),
      async (count, pick, when, later) => {
        const ctl = control();
        const world = await signUpWithMany(ctl, count);
        const { a } = world;
        const at = pick % batchCount(count);
        let locking = null as Promise<void> | null;
        ctl.on = async (call) => {
          if (call.procedure !== 'sync.push' || call.n !== at || locking) return call.forward();
          // 'sent': the batch is on its way (those sent ahead too); 'answered': before its answer is
          // read; 'later': while the answers are recorded, or the next batches are journaled and sent.
          if (when === 'sent') {
            locking = a.vault.lock();
            return call.forward();
          }
          const answer = await call.forward();
          if (when === 'answered') locking = a.vault.lock();
          else void turns(later).then(() => (locking = a.vault.lock()));
          return answer;
        };
        const result = await world.run();
        await turns(later);
        ctl.on = null;
        expectLockedOrDone(result);
        await unlockAfter(a, locking);
        // Every batch sent before the lock was answered, and recorded although the run was ending:
        // none of its items is pushed again.
        const sent = new Set(ctl.pushed.flat());
        ctl.pushed.length = 0;
        expect(await a.engine.syncNow()).toMatchObject({ ok: true });
        expect(ctl.pushed.flat().filter((id) => sent.has(id))).toEqual([]);
        expect(sent.size + ctl.pushed.flat().length).toBe(count);
        await expectSettled(world.email, [a, await secondDevice(world.email)], world.names);
      },
    ),
    {
      numRuns: 4,
      endOnFailure: true,
      examples: [
        [1000, 0, 'sent', 1],
        [1200, 1, 'answered', 1],
        [1001, 2, 'later', 3],
        [1500, 0, 'later', 12],
      ],
    },
  );
}, 180_000);

/** The requests a run's first sync starts with: its first page, and the tree's nodes beside it. */
const TREE_READS = new Set(['vault.getSubtrees', 'vault.getNodes']);
const FIRST_SYNC = new Set(['sync.pull', ...TREE_READS]);

/** Every request of a new device's first sync, in order (its log-in's own requests before it left out). */
async function firstSyncCalls(email: string): Promise<string[]> {
  const ctl = control();
  const seen: string[] = [];
  ctl.on = (call) => {
    if (seen.length > 0 || FIRST_SYNC.has(call.procedure)) seen.push(call.procedure);
    return call.forward();
  };
  const device = createDevice({ clock, name: 'probe', fetch: ctl.fetch });
  expect(await logInWith(device, server.url, { email })).toMatchObject({ ok: true });
  return seen;
}

it("the vault locking while a new device's first sync takes the manifest's root and tree in: nothing reported, and after unlocking the sync completes", async () => {
  // One account for every run: A signs up with enough items for a tree of many nodes; each run is a
  // new device B logging in.
  const ctl = control();
  const world = await signUpWithMany(ctl, 1200);
  expect(await world.run()).toMatchObject({ ok: true });
  await world.a.items.save(login({ name: 'one more' }));
  expect(await world.a.engine.syncNow()).toMatchObject({ ok: true });
  const expected = [...world.names, 'one more'];
  const calls = await firstSyncCalls(world.email);
  expect(calls.filter((p) => TREE_READS.has(p)).length).toBeGreaterThan(2);
  type When = 'start' | 'sent' | 'answered';
  await fc.assert(
    fc.asyncProperty(fc.constantFrom<When>('start', 'sent', 'answered'), fc.nat(), fc.integer({ min: 0, max: 6 }), async (when, pick, later) => {
      const b = createDevice({ clock, name: 'B', fetch: ctl.fetch });
      // The moment of the lock, `later` turns of the event loop after: the run's start (its record
      // written), or a request of the first sync (its first page, one of the tree's nodes, a
      // header) sent or answered.
      let locking = null as Promise<void> | null;
      const lock = () => {
        locking ??= b.vault.lock();
      };
      const lockLater = () => (later === 0 ? lock() : void turns(later).then(lock));
      if (when === 'start') b.db.syncState.hook('creating', (_key, row) => void (row.key === 'run' && !locking && lockLater()));
      const at = pick % calls.length;
      let seen = -1;
      /** Requests made once the lock had begun. */
      const afterLock: string[] = [];
      ctl.on = async (call) => {
        if (locking) afterLock.push(call.procedure);
        if (seen >= 0 || FIRST_SYNC.has(call.procedure)) seen += 1;
        if (when === 'start' || seen !== at) return call.forward();
        if (when === 'sent') {
          lockLater();
          return call.forward();
        }
        const answer = await call.forward();
        lockLater();
        return answer;
      };
      const result = await logInWith(b, server.url, { email: world.email });
      await turns(later + 1);
      ctl.on = null;
      expectLockedOrDone(result);
      // A lock is not the server's doing, nor a session gone: nothing reported, still signed in.
      // Sync runs only while the vault is unlocked: from the lock on, the run asks nothing more
      // (neither the tree's nodes nor the next page), though what was on its way may still come in.
      expect((await b.engine.status()).reports.map((r) => r.kind)).toEqual([]);
      expect(await b.engine.state.get('connection')).toBeDefined();
      expect(afterLock).toEqual([]);
      await unlockAfter(b, locking);
      await expectSettled(world.email, [world.a, b], expected);
    }),
    {
      numRuns: 8,
      endOnFailure: true,
      // At the run's start, as its key is first used; the first page answered; the first nodes sent.
      examples: [
        ['start', 0, 0],
        ['start', 0, 1],
        ['start', 0, 3],
        ['answered', 0, 0],
        ['sent', 1, 0],
        ['answered', 5, 1],
      ],
    },
  );
}, 180_000);

it('the vault locking while a batch journal is written or dropped, with an answer lost at the same time: all converges and no journal is left', async () => {
  type Origin = 'sign-up' | 'import';
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 2 * MAX_PUSH_ITEMS + 1, max: 3 * MAX_PUSH_ITEMS }),
      fc.constantFrom<Origin>('sign-up', 'import'),
      fc.nat(),
      fc.option(fc.nat(), { nil: null }),
      async (count, origin, pick, lose) => {
        const ctl = control();
        const world = origin === 'sign-up' ? await signUpWithMany(ctl, count) : await importMany(ctl, count);
        const { a } = world;
        // Journal events in order: each batch's chunk written before it is sent, dropped with its record.
        const events = 2 * batchCount(count);
        const at = pick % events;
        let seen = -1;
        let armed = true;
        let locking = null as Promise<void> | null;
        const journal = (key: unknown) => {
          if (armed && typeof key === 'string' && key.startsWith('sent:') && ++seen === at) locking ??= a.vault.lock();
        };
        a.db.syncState.hook('creating', (key, row) => journal(row.key ?? key));
        a.db.syncState.hook('deleting', (key) => journal(key));
        // The answer to batch `lost` never comes back (the server took it).
        const lost = lose === null ? null : lose % batchCount(count);
        ctl.on = async (call) => {
          if (call.procedure !== 'sync.push') return call.forward();
          const answer = await call.forward();
          if (call.n === lost) {
            await answer.text();
            throw offline();
          }
          return answer;
        };
        const result = await world.run();
        armed = false;
        ctl.on = null;
        // The lock, or the lost answer, ended the run: as locked, or failed (a lost answer before the lock).
        expect(result.ok ? 'ok' : result.reason).toEqual(locking ? (result.ok ? 'ok' : 'locked') : lost === null ? 'ok' : 'failed');
        await unlockAfter(a, locking);
        // An item of the batch whose answer was lost is edited before the next run: the journal tells
        // the version the server took for this device's own, though the row no longer holds it.
        const names = new Map(world.items.map((item) => [item.id, item.name]));
        const sentLost = lost === null ? undefined : ctl.pushed[lost];
        if (sentLost) {
          const id = sentLost[pick % sentLost.length]!;
          await a.items.save({ ...(await a.items.get(id)), name: `edited ${names.get(id)!}` });
          names.set(id, `edited ${names.get(id)!}`);
        }
        await expectSettled(world.email, [a, world.b ?? (await secondDevice(world.email))], [...names.values()]);
      },
    ),
    {
      numRuns: 5,
      endOnFailure: true,
      examples: [
        // Events: the chunks of the batches sent ahead written, then each dropped with its record.
        [1001, 'sign-up', 0, 0],
        [1200, 'import', 1, 0],
        [1001, 'import', 3, 1],
        [1400, 'sign-up', 4, 2],
        [1400, 'import', 5, 2],
      ],
    },
  );
}, 180_000);
