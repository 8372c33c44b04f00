// The pipelined push (push-changes.ts) under random interleavings, against the real server: a push
// of more than MAX_PUSH_ITEMS items travels in batches, several in flight while the answers that
// came in are recorded. Things happen at random points of that pipeline — the vault locks, the worker dies
// between the server's acceptance and the record, the answer is lost, an item is edited while its
// batch is in flight, the vault locks while the manifest root is published — and afterwards, with
// the vault unlocked and a few quiet runs: no local edit is lost, the server holds every item once,
// no device holds anything back, reports anything or shows a conflict, every device holds the same
// items, and a device logging in fresh gets them all.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_PUSH_ITEMS } from '@keyhold/shared/sync/protocol-primitives';
import type { LoginItem } from '@keyhold/shared/items/item';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { readRow, writeRow } from './helpers/tamper';
import { HOLD_GRACE_MS } from '../../src/sync/held-changes';
import { PUSHES_IN_FLIGHT } from '../../src/sync/push-changes';
import { PASSWORD, type Clock, type Device } from './helpers/device';
import { control, expectConverged as converged, importWorld, names, offline, type Control } from './helpers/race';

let server!: RealServer;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_772_000_000_000 };
let accounts = 0;

/** A signs up with two items (with `ctl` as its wire), B logs in; then A imports `count` items to push. */
async function world(ctl: Control, count: number): Promise<{ a: Device; b: Device; email: string; imported: LoginItem[] }> {
  const email = `pipeline${++accounts}@example.org`;
  const { a, b, imported } = await importWorld(ctl, { server, clock, email, count });
  return { a, b, email, imported };
}

const batchCount = (items: number) => Math.ceil(items / MAX_PUSH_ITEMS);

const expectConverged = (email: string, devices: Device[], expected: string[]) => converged({ server, clock }, email, devices, expected);

const seedNames = ['seed one', 'seed two'];
const countArb = fc.integer({ min: 2 * MAX_PUSH_ITEMS + 1, max: 3 * MAX_PUSH_ITEMS + 100 });

it('the vault locking in the middle of a multi-batch push stops the run; after unlocking, everything converges', async () => {
  await fc.assert(
    fc.asyncProperty(countArb, fc.nat(), fc.constantFrom<'sent' | 'answered'>('sent', 'answered'), async (count, pick, when) => {
      const ctl = control();
      const { a, b, email, imported } = await world(ctl, count);
      const at = pick % batchCount(count);
      let locking = null as Promise<void> | null;
      const afterLock: string[] = [];
      ctl.on = async (call) => {
        if (locking) afterLock.push(call.procedure);
        if (call.procedure !== 'sync.push' || call.n !== at || locking) return call.forward();
        if (when === 'sent') {
          locking = a.vault.lock();
          return call.forward();
        }
        const answer = await call.forward();
        locking = a.vault.lock();
        return answer;
      };
      const result = await a.engine.syncNow();
      await locking;
      expect(result).toMatchObject({ ok: false, reason: 'locked' });
      // Sync runs only while the vault is unlocked: after the lock, the run sends nothing more (the
      // batches sent ahead before it may still be on their way).
      expect(afterLock.filter((p) => p !== 'sync.push')).toEqual([]);
      expect(afterLock.length).toBeLessThanOrEqual(PUSHES_IN_FLIGHT - 1);
      ctl.on = null;
      await a.vault.unlock(PASSWORD);
      await expectConverged(email, [a, b], [...seedNames, ...imported.map((i) => i.name)]);
    }),
    {
      numRuns: 5,
      endOnFailure: true,
      examples: [
        [1001, 0, 'sent'],
        [1001, 2, 'answered'],
        [1300, 1, 'answered'],
      ],
    },
  );
}, 180_000);

it('a worker killed, or an answer lost, after the server accepted a batch: the items pushed again settle as their own, without reports', async () => {
  type How = 'killed' | 'late' | 'lost';
  await fc.assert(
    fc.asyncProperty(countArb, fc.nat(), fc.constantFrom<How>('killed', 'late', 'lost'), async (count, pick, how) => {
      const ctl = control();
      const { a, b, email, imported } = await world(ctl, count);
      const at = pick % batchCount(count);
      let killed!: () => void;
      const dead = new Promise<void>((resolve) => (killed = resolve));
      let late: (() => Promise<Response>) | null = null;
      ctl.on = async (call) => {
        if (call.procedure !== 'sync.push' || call.n !== at) return call.forward();
        // 'late': the request is still on its way when the worker dies, and reaches the server only
        // after the new worker has pulled (its push of the same items then meets its own write).
        if (how === 'late') late = call.forward;
        else await (await call.forward()).text();
        if (how === 'lost') throw offline();
        // Nothing this worker asks for comes back any more; what it was writing finishes (one
        // transaction each), then a new worker starts over the same database.
        ctl.frozen = true;
        killed();
        return new Promise<Response>(() => undefined);
      };
      let device = a;
      if (how === 'lost') {
        expect(await a.engine.syncNow()).toMatchObject({ ok: false, reason: 'failed' });
        ctl.on = null;
      } else {
        void a.engine.syncNow();
        await dead;
        await new Promise((resolve) => setTimeout(resolve, 300));
        device = a.restart();
        ctl.on = async (call) => {
          if (call.procedure === 'sync.push' && late) {
            await (await late()).text();
            late = null;
          }
          return call.forward();
        };
        ctl.frozen = false;
      }
      await expectConverged(email, [device, b], [...seedNames, ...imported.map((i) => i.name)]);
      expect(late).toBeNull();
    }),
    {
      numRuns: 6,
      endOnFailure: true,
      examples: [
        [1001, 0, 'killed'],
        [1200, 1, 'late'],
        [1501, 3, 'lost'],
      ],
    },
  );
}, 180_000);

it('an item edited or deleted while its batch is in flight keeps the change, and the change reaches the other devices', async () => {
  type Change = { pick: number; kind: 'edit' | 'delete' };
  const changeArb: fc.Arbitrary<Change> = fc.record({ pick: fc.nat(), kind: fc.constantFrom<Change['kind']>('edit', 'edit', 'delete') });
  await fc.assert(
    fc.asyncProperty(
      countArb,
      fc.nat(),
      fc.constantFrom<'before' | 'after'>('before', 'after'),
      fc.array(changeArb, { minLength: 1, maxLength: 4 }),
      async (count, pick, when, changes) => {
        const ctl = control();
        const { a, b, email, imported } = await world(ctl, count);
        const at = pick % batchCount(count);
        // Item names by id as they should end: edited, or gone.
        const expected = new Map<string, string | null>(imported.map((item) => [item.id, item.name]));
        const change = async (ids: string[]) => {
          for (const [k, { pick: p, kind }] of changes.entries()) {
            const id = ids[p % ids.length]!;
            if (expected.get(id) === null) continue;
            if (kind === 'delete') {
              await a.items.deleteForever([id]);
              expected.set(id, null);
            } else {
              const name = `edited ${k} ${expected.get(id)!}`;
              await a.items.save({ ...(await a.items.get(id)), name });
              expected.set(id, name);
            }
          }
        };
        ctl.on = async (call) => {
          if (call.procedure !== 'sync.push' || call.n !== at) return call.forward();
          // This batch's items, and the next one's if it was sent ahead already.
          const ids = ctl.pushed.slice(at).flat();
          if (when === 'before') await change(ids);
          const answer = await call.forward();
          if (when === 'after') await change(ids);
          return answer;
        };
        expect(await a.engine.syncNow()).toMatchObject({ ok: true });
        ctl.on = null;
        const names = [...expected.values()].flatMap((name) => (name === null ? [] : [name]));
        await expectConverged(email, [a, b], [...seedNames, ...names]);
      },
    ),
    {
      numRuns: 5,
      endOnFailure: true,
      examples: [
        [
          1001,
          0,
          'after',
          [
            { pick: 0, kind: 'edit' },
            { pick: 700, kind: 'delete' },
          ],
        ],
        [1200, 1, 'before', [{ pick: 3, kind: 'edit' }]],
      ],
    },
  );
}, 180_000);

it("batch i's answer failing while batch i+1 was accepted: the accepted batch is recorded, not pushed again, and all converges", async () => {
  await fc.assert(
    fc.asyncProperty(countArb, fc.nat(), fc.constantFrom<'unreached' | 'lost'>('unreached', 'lost'), async (count, pick, how) => {
      const ctl = control();
      const { a, b, email, imported } = await world(ctl, count);
      const at = pick % (batchCount(count) - 1);
      let aheadAnswered!: () => void;
      const ahead = new Promise<void>((resolve) => (aheadAnswered = resolve));
      ctl.on = async (call) => {
        if (call.procedure !== 'sync.push') return call.forward();
        if (call.n === at + 1) {
          const answer = await call.forward();
          aheadAnswered();
          return answer;
        }
        if (call.n !== at) return call.forward();
        // Batch at+1 was sent ahead with this one: its answer is in before this one fails.
        await ahead;
        if (how === 'lost') await (await call.forward()).text();
        throw offline();
      };
      expect(await a.engine.syncNow()).toMatchObject({ ok: false, reason: 'failed' });
      // Recorded: the batches before this one, and those after it, sent ahead (all reached the server).
      const acceptedAhead = new Set(ctl.pushed.slice(at + 1).flat());
      expect((await a.engine.status()).pendingChanges).toBe(count - at * MAX_PUSH_ITEMS - acceptedAhead.size);
      ctl.on = null;
      ctl.pushed.length = 0;
      expect(await a.engine.syncNow()).toMatchObject({ ok: true });
      expect(ctl.pushed.flat().filter((id) => acceptedAhead.has(id))).toEqual([]);
      await expectConverged(email, [a, b], [...seedNames, ...imported.map((i) => i.name)]);
    }),
    {
      numRuns: 5,
      endOnFailure: true,
      examples: [
        [1001, 0, 'lost'],
        [1501, 1, 'unreached'],
      ],
    },
  );
}, 180_000);

it('the vault locking while a manifest root is published: no root made with a wiped key, and everything converges', async () => {
  type When = 'nodes-sent' | 'nodes-answered' | 'header-sent' | 'header-answered';
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 700 }),
      fc.constantFrom<When>('nodes-sent', 'nodes-answered', 'header-sent', 'header-answered'),
      async (count, when) => {
        const ctl = control();
        const { a, b, email, imported } = await world(ctl, count);
        let locking = null as Promise<void> | null;
        const [procedure, moment] = when.startsWith('nodes') ? ['vault.putNodes', when.slice(6)] : ['vault.putHeader', when.slice(7)];
        ctl.on = async (call) => {
          if (call.procedure !== procedure || locking) return call.forward();
          if (moment === 'sent') {
            locking = a.vault.lock();
            return call.forward();
          }
          const answer = await call.forward();
          locking = a.vault.lock();
          return answer;
        };
        const result = await a.engine.syncNow();
        await locking;
        // The last answer may come after the run's last use of the key: then the run did finish.
        expect(result.ok || result.reason === 'locked').toBe(true);
        ctl.on = null;
        if (!locking) expect(await a.vault.status()).toMatchObject({ state: 'unlocked' });
        else await a.vault.unlock(PASSWORD);
        await expectConverged(email, [a, b], [...seedNames, ...imported.map((i) => i.name)]);
      },
    ),
    {
      numRuns: 7,
      endOnFailure: true,
      examples: [
        [1, 'nodes-sent'],
        [700, 'nodes-answered'],
        [1, 'header-sent'],
        [700, 'header-answered'],
      ],
    },
  );
}, 180_000);

it("a version the server replays under a new revision is not taken for this device's own write: an edit waiting here is kept and pushed", async () => {
  const ctl = control();
  const { a, b, imported } = await world(ctl, 2);
  expect(await a.engine.syncNow()).toMatchObject({ ok: true });
  const [edited, untouched] = imported as [LoginItem, LoginItem];
  const accountId = (await a.engine.state.get('connection'))!.accountId;
  await a.items.save({ ...(await a.items.get(edited.id)), name: 'edited here' });
  // The server serves both items again under new revisions: the one edited here with the envelopes
  // it had before the edit, the other one as it is (this device's row holds exactly those).
  const db = server.sqlite();
  try {
    for (const id of [edited.id, untouched.id]) writeRow(db, accountId, readRow(db, accountId, id), { bump: true });
  } finally {
    db.close();
  }
  expect(await a.engine.syncNow()).toMatchObject({ ok: true, held: 2 });
  expect((await a.engine.status()).pendingChanges).toBe(1);
  expect(await names(a)).toEqual(['bulk 1', 'edited here', ...seedNames].sort());
  // No device vouches for either: reported after the grace; the edit then replaces its version.
  clock.now += HOLD_GRACE_MS + 1;
  await a.engine.syncNow();
  const status = await a.engine.status();
  expect(status.reports.map((r) => [r.kind, r.itemId]).sort()).toEqual(
    [
      ['unconfirmed', edited.id],
      ['unconfirmed', untouched.id],
    ].sort(),
  );
  expect(status.pendingChanges).toBe(0);
  await b.engine.syncNow();
  expect(await names(b)).toContain('edited here');
}, 60_000);
