// What one change costs another browser on the wire, at a given vault size (issue #12: at most 8 KB at
// 10,000 items, growing at most logarithmically — reported at 1,000, 10,000 and 100,000 items).
// Browser A holds the account's items and changes one; browser B, synced before, syncs once. The
// counting proxy (sync.ts) records every request of B's run: the pull that brings the item, the
// header, and the manifest tree's nodes that verify it.
import type { Page } from '@playwright/test';
import { createVault, sendOk, MASTER_PASSWORD } from '../../e2e/fixtures/protocol.ts';
import { generateVaultItems } from './generate-items.ts';

export type Exchange = { procedure: string; wireBytes: number; responseBodyBytes: number };
export type Proxy = { url: string; log: Exchange[] };

export type OneChange = { pull: number; verification: number; wire: number; requests: number; procedures: string[] };

/**
 * Creates a vault of `count` items on `a`, signs it up through `proxy`; returns the sign-up time
 * (until the items are on the server and sign-up answers). It then waits for the index snapshot
 * written after it, as a browser added later would find it, so that no measurement overlaps it.
 */
export async function signUpWithItems(a: Page, proxy: Proxy, email: string, count: number, inviteToken?: string): Promise<number> {
  await createVault(a);
  const items = generateVaultItems(count);
  for (let i = 0; i < items.length; i += 1000) await sendOk(a, 'items.import', { items: items.slice(i, i + 1000) });
  const started = performance.now();
  await sendOk(a, 'sync.signUp', {
    serverUrl: proxy.url,
    email,
    password: MASTER_PASSWORD,
    deviceName: 'Bench A',
    ...(inviteToken ? { inviteToken } : {}),
  });
  const ms = performance.now() - started;
  await untilIdle(a);
  return ms;
}

export async function logInAndSync(b: Page, proxy: Proxy, email: string, deviceName: string): Promise<void> {
  const status = await sendOk<{ lastError: string | null }>(b, 'sync.logIn', { serverUrl: proxy.url, email, password: MASTER_PASSWORD, deviceName });
  if (status.lastError !== null) throw new Error(`log-in sync failed: ${status.lastError}`);
}

/** Measurements tried before giving up, when another run of B's overlaps the measured one. */
const ATTEMPTS = 3;

/**
 * A edits its first item and syncs; B syncs once. Everything B's run sent and received. A run of B's
 * own (the server's push hint for A's change, arriving late on a loaded machine) can overlap the
 * measured one and add a second pull: that measurement is discarded and made again with a new change.
 */
export async function measureOneChange(a: Page, b: Page, proxy: Proxy): Promise<OneChange> {
  for (let attempt = 1; ; attempt++) {
    const measured = await measureOnce(a, b, proxy);
    if (measured.pulls === 1) return measured;
    const seen = `one change took ${measured.pulls} pulls: ${measured.procedures.join(', ')}`;
    if (attempt === ATTEMPTS) throw new Error(`${seen} (${ATTEMPTS} attempts)`);
    console.log(`${seen}; another run of B's overlapped the measured one, measuring again`);
  }
}

async function measureOnce(a: Page, b: Page, proxy: Proxy): Promise<OneChange & { pulls: number }> {
  const page = await sendOk<{ rows: { id: string }[] }>(a, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 1 });
  const { item } = await sendOk<{ item: Record<string, unknown> }>(a, 'items.get', { id: page.rows[0]!.id });
  // B first finishes whatever it was doing (a follow-up run after its first sync), so its one run is measured alone.
  await untilIdle(b);
  await sendOk(a, 'items.save', { item: { ...item, notes: `changed for the benchmark at ${Date.now()}` } });
  await sendOk(a, 'sync.now', {});
  await untilIdle(b);
  proxy.log.length = 0;
  await sendOk(b, 'sync.now', {});
  const pulls = proxy.log.filter((e) => e.procedure === 'sync.pull');
  const sum = (pick: (e: Exchange) => number, filter: (e: Exchange) => boolean = () => true) =>
    proxy.log.filter(filter).reduce((n, e) => n + pick(e), 0);
  return {
    pulls: pulls.length,
    pull: pulls[0]?.responseBodyBytes ?? 0,
    verification: sum(
      (e) => e.responseBodyBytes,
      (e) => e.procedure === 'vault.getHeader' || e.procedure === 'vault.getNodes',
    ),
    wire: sum((e) => e.wireBytes),
    requests: proxy.log.length,
    procedures: proxy.log.map((e) => e.procedure),
  };
}

/**
 * Until `page`'s extension has no sync run going, and a moment after (a scheduled follow-up fires
 * within it); returns when it was first seen idle for good (performance.now()).
 */
export async function untilIdle(page: Page): Promise<number> {
  let idleSince = performance.now();
  for (let quiet = 0; quiet < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const status = await sendOk<{ state: string }>(page, 'sync.status');
    if (quiet === 0) idleSince = performance.now();
    quiet = status.state === 'syncing' ? 0 : quiet + 1;
  }
  return idleSince;
}
