// Vault health composed over the real vault (fake-indexeddb, the service worker's composition) and a
// local range server: what leaves the device is a 5-hex-digit prefix and nothing else; breached,
// reused, weak and old logins are found; results are cached sealed, with no password or hash in
// the clear; a cancel or a lock stops a run; a failing service is reported.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import type { LoginItem } from '@keyhold/shared/items/item';
import { scoreHere } from '../../src/health/score-passwords';
import { OLD_PASSWORD_MS } from '@keyhold/shared/health/password-age';
import { vaultWorld } from '../helpers/vault-world';
import { createHealthService, type HealthServiceDeps } from '../../src/health/health-service';
import { createRangeClient } from '../../src/health/range-client';
import type { HealthStatus } from '../../src/health/health-view';
import { startRangeServer } from '../../../e2e/fixtures/range-server';

const MASTER = 'correct horse battery staple 42';
const START = 1_800_000_000_000;
const now = () => START;

const STRONG_A = 'vivid-otter-canyon-7-lantern-Q';
const STRONG_B = 'Mx9#qT2!vLw8@zR4pK';
const BREACHED = 'password123';

const open: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.stop();
});

beforeAll(async () => {
  await scoreHere(['warm up the dictionaries']);
}, 30_000);

function login(name: string, password: string, fields: Partial<LoginItem> = {}): LoginItem {
  return {
    ...newItem('login', { name, password, urls: [{ url: `https://${name.toLowerCase()}.example`, match: 'default' }] }, START),
    ...fields,
  } as LoginItem;
}

async function setup(options: { breachCheck: boolean; endpoint?: string; deps?: Partial<HealthServiceDeps> }) {
  const world = vaultWorld({ now });
  await world.vault.create(MASTER);
  const statuses: HealthStatus[] = [];
  const health = createHealthService({
    db: world.db,
    session: world.session,
    now,
    settings: async () => ({ breachCheck: options.breachCheck, breachEndpoint: options.endpoint ?? 'http://127.0.0.1:9' }),
    score: scoreHere,
    rangeClient: (endpoint) => createRangeClient({ endpoint, minIntervalMs: 0 }),
    onStatus: (s) => statuses.push(s),
    ...options.deps,
  });
  open.push({ stop: async () => world.db.close() });
  const finished = async () => {
    await expect.poll(() => health.status().state, { timeout: 20_000 }).not.toBe('running');
    return health.status();
  };
  return { world, health, statuses, finished };
}

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();

describe('vault health', () => {
  it('finds reused, weak and old passwords locally, and sends nothing without the opt-in', async () => {
    const range = await startRangeServer({ [BREACHED]: 42 });
    open.push({ stop: range.close });
    const { world, health, finished } = await setup({ breachCheck: false, endpoint: range.url });
    const aOld = login('Alpha', STRONG_A);
    aOld.createdAt = START - 2 * OLD_PASSWORD_MS;
    await world.items.importMany([
      aOld,
      login('Beta', STRONG_A),
      login('Gamma', 'qwerty'),
      login('Delta', STRONG_B),
      login('Trashed', 'qwerty', { trashedAt: START }),
    ]);
    await world.items.save(newItem('note', { name: 'A note' }, START));

    expect((await health.start()).state).toBe('running');
    expect(await finished()).toEqual({ state: 'done', finishedAt: START });
    expect(range.requests).toEqual([]);

    const { report } = await health.view();
    const names = (list: { row: { name: string } }[]) => list.map((e) => e.row.name);
    expect(report?.checked).toBe(4);
    expect(report?.breachesChecked).toBe(false);
    expect(report?.breached).toEqual([]);
    expect(report?.reused.map(names).map((g) => g.sort())).toEqual([['Alpha', 'Beta']]);
    expect(names(report!.weak)).toEqual(['Gamma']);
    expect(names(report!.old)).toEqual(['Alpha']);
    expect(report?.weak[0]?.changePasswordUrl).toBe('https://gamma.example/.well-known/change-password');
    expect(await health.summary()).toEqual({ finishedAt: START, breached: 0, reused: 2, weak: 1, old: 1, atRisk: 3 });
  });

  it('with the opt-in, sends only 5-hex-digit prefixes (padded), and counts breaches without the padding', async () => {
    const range = await startRangeServer({ [BREACHED]: 42, 'not-in-vault': 7 });
    open.push({ stop: range.close });
    const { world, health, finished } = await setup({ breachCheck: true, endpoint: `${range.url}/` });
    const passwords = [BREACHED, STRONG_A, STRONG_B, 'letmein-again-2019'];
    await world.items.importMany(passwords.map((p, i) => login(`Site${i}`, p)));

    await health.start();
    expect((await finished()).state).toBe('done');

    expect(range.requests.length).toBe(new Set(passwords.map((p) => sha1(p).slice(0, 5))).size);
    for (const request of range.requests) {
      expect(request.method).toBe('GET');
      expect(request.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
      expect(request.headers['add-padding']).toBe('true');
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.referer).toBeUndefined();
      const sent = JSON.stringify(request);
      for (const p of passwords) {
        expect(sent).not.toContain(p);
        expect(sent.toUpperCase()).not.toContain(sha1(p).slice(5, 15));
      }
    }
    const { report } = await health.view();
    expect(report?.breached.map((e) => [e.row.name, e.count])).toEqual([['Site0', 42]]);

    // The sealed records hold no password, no SHA-1 and no suffix in the clear.
    const stored = JSON.stringify(await world.db.meta.bulkGet(['healthCache', 'healthReport', 'healthSummary']));
    for (const p of passwords) {
      expect(stored).not.toContain(p);
      expect(stored.toUpperCase()).not.toContain(sha1(p).slice(5, 20));
    }

    // A second run asks nothing: every result is cached (until it is a week old).
    await health.start();
    expect((await finished()).state).toBe('done');
    expect(range.requests.length).toBe(new Set(passwords.map((p) => sha1(p).slice(0, 5))).size);
  });

  it('stops on cancel: no more requests, the previous report stays, what was learned is cached', async () => {
    const range = await startRangeServer({}, { delayMs: 40 });
    open.push({ stop: range.close });
    const { world, health, finished } = await setup({ breachCheck: true, endpoint: range.url, deps: { concurrency: 1 } });
    await world.items.importMany(Array.from({ length: 60 }, (_, i) => login(`Site${i}`, `unique-${i}-${'x'.repeat(i % 7)}-horse`)));

    await health.start();
    await expect.poll(() => range.requests.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(health.cancel().state).toBe('cancelled');
    expect((await finished()).state).toBe('cancelled');
    const sent = range.requests.length;
    expect(sent).toBeLessThan(60);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(range.requests.length).toBeLessThanOrEqual(sent + 1);
    expect((await health.view()).report).toBeNull();

    // The next run asks only for the prefixes not yet answered.
    const before = range.requests.length;
    await health.start();
    expect((await finished()).state).toBe('done');
    expect(range.requests.length - before).toBeLessThanOrEqual(60 - sent + 2);
  }, 30_000);

  it('stops when the vault locks, and reports a failing service in words', async () => {
    const failing = await startRangeServer({}, { status: 500 });
    open.push({ stop: failing.close });
    const { world, health, finished } = await setup({ breachCheck: true, endpoint: failing.url });
    await world.items.importMany([login('One', STRONG_A)]);
    await health.start();
    const failed = await finished();
    expect(failed).toEqual({ state: 'failed', message: expect.stringContaining('answered 500') });

    const slow = await startRangeServer({}, { delayMs: 100 });
    open.push({ stop: slow.close });
    const locked = await setup({ breachCheck: true, endpoint: slow.url, deps: { concurrency: 1 } });
    await locked.world.items.importMany(Array.from({ length: 30 }, (_, i) => login(`S${i}`, `pw-${i}-unique-horse`)));
    await locked.health.start();
    await expect.poll(() => slow.requests.length).toBeGreaterThan(0);
    await locked.world.vault.lock();
    locked.health.locked();
    expect(locked.health.status()).toEqual({ state: 'idle' });
    await expect(locked.health.view()).rejects.toMatchObject({ code: 'LOCKED' });
  }, 30_000);

  it('refuses an endpoint that is not http(s)', async () => {
    await expect(createRangeClient({ endpoint: 'ftp://example.org' }).range('ABCDE', new AbortController().signal)).rejects.toThrow(/https/);
    await expect(createRangeClient({ endpoint: 'http://127.0.0.1:9' }).range('abcde', new AbortController().signal)).rejects.toThrow(/prefix/);
  });
});
