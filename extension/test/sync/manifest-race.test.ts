// Devices publishing manifest roots at the same time (ADR 0023): every write is a push, then the new
// tree's nodes, then the root through the header's compare-and-swap. Under random schedules of edits,
// additions and deletions on three devices whose runs overlap, the compare-and-swap loser takes the
// winner's tree in and publishes on top of it, so in the end every device holds the same items, none
// is held or reported, and the server's root vouches for all of them (a fresh device applies
// everything). Runs against the real server.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createDevice, logInWith, login, signUpWith, type Clock, type Device } from './helpers/device';

let server!: RealServer;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_760_000_000_000 };
let accounts = 0;

type Op = { device: number; kind: 'edit' | 'add' | 'delete'; pick: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  device: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom<Op['kind']>('edit', 'edit', 'add', 'delete'),
  pick: fc.nat(),
});

async function names(device: Device): Promise<string[]> {
  return (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1000 })).rows.map((r) => r.name).sort();
}

async function apply(device: Device, op: Op, serial: number): Promise<void> {
  const rows = (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1000 })).rows;
  if (op.kind === 'add' || rows.length === 0) {
    await device.items.save(login({ name: `added ${serial}` }));
    return;
  }
  const id = rows[op.pick % rows.length]!.id;
  if (op.kind === 'delete') await device.items.deleteForever([id]);
  else await device.items.save({ ...(await device.items.get(id)), name: `edited ${serial}` });
}

it('devices publishing at the same time converge: nothing held, nothing reported, a new device gets it all', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }), async (rounds) => {
      const email = `race${++accounts}@example.org`;
      const devices = [createDevice({ clock, name: 'A' }), createDevice({ clock, name: 'B' }), createDevice({ clock, name: 'C' })];
      const [a, ...others] = devices;
      expect(
        await signUpWith(a!, server.url, [login({ name: 'one' }), login({ name: 'two' })], { email, inviteToken: server.invite() }),
      ).toMatchObject({
        ok: true,
      });
      for (const device of others) expect(await logInWith(device, server.url, { email })).toMatchObject({ ok: true });
      let serial = 0;
      for (const ops of rounds) {
        for (const op of ops) await apply(devices[op.device]!, op, ++serial);
        // Every device's run at once: pushes, node uploads and root publications interleave.
        await Promise.all(devices.map((device) => device.engine.syncNow()));
      }
      // Quiet rounds: each loser of a compare-and-swap has published on top of the winner by now.
      for (let i = 0; i < 2; i++) for (const device of devices) await device.engine.syncNow();
      const expected = await names(a!);
      for (const device of devices) {
        expect(await names(device)).toEqual(expected);
        const status = await device.engine.status();
        expect([status.held, status.reports.map((r) => r.kind)]).toEqual([0, []]);
      }
      const fresh = createDevice({ clock, name: 'D' });
      expect(await logInWith(fresh, server.url, { email })).toMatchObject({ ok: true });
      expect(await names(fresh)).toEqual(expected);
      expect((await fresh.engine.status()).reports).toEqual([]);
    }),
    { numRuns: 4 },
  );
}, 240_000);
