// Shared by the race tests against the real server (push-pipeline.test.ts, lock-races.test.ts): a
// fetch whose requests a test can intercept, item lists by name, and the convergence check that
// closes every interleaving.
import { expect } from 'vitest';
import type { LoginItem } from '@keyhold/shared/items/item';
import type { RealServer } from './real-server';
import { createDevice, login, logInWith, signUpWith, type Clock, type Device } from './device';

/** One request on its way: which procedure, its number among that procedure's calls, its input. */
export type Call = { procedure: string; n: number; input: any; forward: () => Promise<Response> };

/**
 * A fetch whose requests a test can intercept (`on`): let through, delay, fail before or after the
 * server saw them. `frozen`: every request from then on hangs for ever, as in a worker that was killed.
 */
export type Control = {
  fetch: typeof fetch;
  on: ((call: Call) => Promise<Response>) | null;
  frozen: boolean;
  counts: Map<string, number>;
  pushed: string[][];
};

export function control(): Control {
  const ctl: Control = {
    on: null,
    frozen: false,
    counts: new Map(),
    pushed: [],
    fetch: async (resource, init) => {
      const url = typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url;
      const procedure = new URL(url).pathname.split('/trpc/')[1] ?? '';
      if (ctl.frozen) return new Promise<Response>(() => undefined);
      const n = ctl.counts.get(procedure) ?? 0;
      ctl.counts.set(procedure, n + 1);
      const input = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      if (procedure === 'sync.push') ctl.pushed.push((input.items as { id: string }[]).map((item) => item.id));
      const forward = () => fetch(resource, init);
      return ctl.on ? ctl.on({ procedure, n, input, forward }) : forward();
    },
  };
  return ctl;
}

/** A server that cannot be reached, as fetch reports it. */
export const offline = () => new TypeError('fetch failed');

export async function names(device: Device): Promise<string[]> {
  return (await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 100_000 })).rows.map((r) => r.name).sort();
}

export function bulk(count: number, tag: string): LoginItem[] {
  return Array.from({ length: count }, (_, i) => login({ name: `${tag} ${i}`, username: `user${i}` }));
}

/**
 * Quiet runs on every device, then: every device holds `expected` (by name), nothing pending, held,
 * conflicted or reported; the server holds each item once; a device logging in fresh gets it all.
 */
export async function expectConverged(
  world: { server: RealServer; clock: Clock },
  email: string,
  devices: Device[],
  expected: string[],
): Promise<void> {
  const { server, clock } = world;
  for (let round = 0; round < 2; round++) for (const device of devices) expect(await device.engine.syncNow()).toMatchObject({ ok: true });
  const sorted = [...expected].sort();
  for (const device of devices) {
    expect(await names(device)).toEqual(sorted);
    const status = await device.engine.status();
    expect({
      device: device.name,
      pending: status.pendingChanges,
      held: status.held,
      conflicts: status.conflicts,
      reports: status.reports.map((r) => r.kind),
    }).toEqual({
      device: device.name,
      pending: 0,
      held: 0,
      conflicts: 0,
      reports: [],
    });
  }
  const accountId = (await devices[0]!.engine.state.get('connection'))!.accountId;
  const db = server.sqlite();
  try {
    const live = db.prepare('SELECT COUNT(*) AS n FROM items WHERE account_id = ? AND deleted = 0').get(accountId) as { n: number };
    expect(live.n).toBe(sorted.length);
  } finally {
    db.close();
  }
  const fresh = createDevice({ clock, name: 'fresh' });
  expect(await logInWith(fresh, server.url, { email })).toMatchObject({ ok: true });
  expect(await names(fresh)).toEqual(sorted);
  const status = await fresh.engine.status();
  expect([status.held, status.reports.map((r) => r.kind)]).toEqual([0, []]);
}

/** A signs up with two items (with `ctl` as its wire) and B logs in; then A imports `count` items, which A's next run pushes. */
export async function importWorld(
  ctl: Control,
  options: { server: RealServer; clock: Clock; email: string; count: number },
): Promise<{ a: Device; b: Device; seeds: LoginItem[]; imported: LoginItem[] }> {
  const { server, clock, email } = options;
  const a = createDevice({ clock, name: 'A', fetch: ctl.fetch });
  const seeds = [login({ name: 'seed one' }), login({ name: 'seed two' })];
  expect(await signUpWith(a, server.url, seeds, { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
  const b = createDevice({ clock, name: 'B' });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
  const imported = bulk(options.count, 'bulk');
  await a.items.importMany(imported);
  ctl.counts.clear();
  ctl.pushed.length = 0;
  return { a, b, seeds, imported };
}
