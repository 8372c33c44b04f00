// Who counts as one client, and how budgets and backoff behave over time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientAddress, rateLimitKey } from '../src/limits/client-address';
import { createIpRateLimiter, type IpRateLimiter, type IpRateLimiterOptions, type RateDecision } from '../src/limits/ip-rate-limiter';
import { createLoginThrottle } from '../src/limits/login-throttle';
import { createPurgeExpired } from '../src/sync/purge-expired';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

describe('client address', () => {
  it('ignores X-Forwarded-For unless told to trust the proxy, then takes the entry the proxy appended', () => {
    const forwardedFor = '6.6.6.6, 203.0.113.7';
    expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor, trustProxy: false })).toBe('127.0.0.1');
    expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor, trustProxy: true })).toBe('203.0.113.7');
    expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: 'garbage', trustProxy: true })).toBe('127.0.0.1');
  });

  it('counts an IPv6 /64 as one client, and IPv4-mapped addresses as IPv4', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(rateLimitKey('2001:db8:1:2::1'));
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(rateLimitKey('2001:db8:1:2::1'));
    expect(rateLimitKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitKey('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('per-client rate limit', () => {
  it('refuses past the budget until the window ends', async () => {
    const clock = { now: 0 };
    const limiter = createIpRateLimiter({ requests: 3, windowSeconds: 60, now: () => clock.now });
    const take = async (key: string) => (await limiter.take(key)).ok;
    expect([await take('a'), await take('a'), await take('a'), await take('a')]).toEqual([true, true, true, false]);
    expect(await take('b')).toBe(true);
    clock.now = 45_000;
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 15 });
    clock.now = 60_000;
    expect(await take('a')).toBe(true);
    await limiter.close();
  });
});

// Two limiters on one database stand for two server processes behind a load balancer.
describe('per-client rate limit shared through the database', () => {
  let db: TestDatabase;
  const limiters: IpRateLimiter[] = [];
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const limiter of limiters.splice(0)) await limiter.close();
    await db.close();
  });
  const limiter = (options: Partial<IpRateLimiterOptions> & { now: () => number }) => {
    const created = createIpRateLimiter({ requests: 10, windowSeconds: 60, store: db.storage.requestBudget, syncIntervalMs: 60_000, ...options });
    limiters.push(created);
    return created;
  };
  const admitted = async (decisions: Promise<RateDecision>[]) => (await Promise.all(decisions)).filter((decision) => decision.ok).length;

  it('with a slice of one, two processes together admit the budget plus at most one each, then both refuse', async () => {
    const now = () => 1_000;
    const [a, b] = [limiter({ now, slice: 1 }), limiter({ now, slice: 1 })];
    let count = 0;
    for (let n = 0; n < 30; n += 1) if ((await (n % 2 === 0 ? a : b).take('1.2.3.4')).ok) count += 1;
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(12); // each alone would have admitted 10: 20 in all
    expect((await a.take('1.2.3.4')).ok).toBe(false);
    expect((await b.take('1.2.3.4')).ok).toBe(false);
    // Another address has its own budget.
    expect((await a.take('5.6.7.8')).ok).toBe(true);
  });

  it('counts parallel requests one by one and keeps the total in the database', async () => {
    const now = () => 1_000;
    const a = limiter({ now, slice: 1 });
    expect(await admitted(Array.from({ length: 25 }, () => a.take('k')))).toBe(10);
    await a.close();
    const rows = await db.sql.all<{ count: number }>('SELECT count FROM request_budget WHERE key = ?', ['k']);
    expect(rows.map((row) => Number(row.count))).toEqual([10]);
    // A process started later (a restart, another replica) spends the same budget: after its first
    // request it learns the total.
    const later = limiter({ now, slice: 1 });
    expect(await admitted(Array.from({ length: 5 }, () => later.take('k')))).toBeLessThanOrEqual(1);
  });

  it('with the default slice a client waits for the database only once it has spent its slice; a process over-admits at most one slice', async () => {
    const clock = { now: 0 };
    const store = db.storage.requestBudget;
    let calls = 0;
    const counting = {
      add: (w: number, c: ReadonlyMap<string, number>) => (calls++, store.add(w, c)),
      deleteBefore: (w: number) => store.deleteBefore(w),
    };
    const [a, b] = [
      limiter({ now: () => clock.now, requests: 1_000, store: counting, syncIntervalMs: 20 }),
      limiter({ now: () => clock.now, requests: 1_000, store: counting, syncIntervalMs: 20 }),
    ];
    for (let n = 0; n < 19; n += 1) await a.take('x'); // the slice is 1,000 / 50 = 20
    expect(calls).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // periodic sync sends a's 19
    expect(calls).toBeGreaterThan(0);
    for (let n = 0; n < 981; n += 1) await b.take('x');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // 19 + 981 = the budget: b knows it from its own sync. a learns it when it reports again, at
    // the latest once it has spent another slice: at most 20 more, then it refuses too.
    expect((await b.take('x')).ok).toBe(false);
    let more = 0;
    for (let n = 0; n < 30; n += 1) if ((await a.take('x')).ok) more += 1;
    expect(more).toBeLessThanOrEqual(20);
    expect((await a.take('x')).ok).toBe(false);
  });

  it('starts over in the next clock-aligned window, and forgets old windows in the database', async () => {
    const clock = { now: 59_000 };
    const a = limiter({ now: () => clock.now, requests: 2, slice: 1 });
    expect(await admitted([a.take('k'), a.take('k'), a.take('k')])).toBe(2);
    expect(await a.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.now = 60_000;
    expect(await admitted([a.take('k'), a.take('k'), a.take('k')])).toBe(2);
    await a.close();
    expect((await db.sql.all<{ window_start: number }>('SELECT window_start FROM request_budget')).map((row) => Number(row.window_start))).toEqual([
      60_000,
    ]);
  });

  it('falls back to counting alone when the database fails, and refuses nobody because of it', async () => {
    const errors: Error[] = [];
    const broken = { add: () => Promise.reject(new Error('database down')), deleteBefore: () => Promise.reject(new Error('database down')) };
    const a = limiter({ now: () => 1_000, requests: 3, slice: 1, store: broken, onError: (error) => errors.push(error) });
    expect(await admitted(Array.from({ length: 5 }, () => a.take('k')))).toBe(3);
    expect(errors.length).toBeGreaterThan(0);
  });
});

// On the database KEYHOLD_TEST_DATABASE selects: the counts live there.
describe('login throttle', () => {
  const policy = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000 };
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.close());

  it('doubles the lock with each failure past the free ones, up to the cap', async () => {
    const clock = { now: 0 };
    const throttle = createLoginThrottle({ storage: db.storage, now: () => clock.now });
    const attempt = () => throttle.begin([{ key: 'k', policy }]);
    for (let n = 0; n < 3; n += 1) expect((await attempt()).ok).toBe(true);
    const locks: number[] = [];
    for (let n = 0; n < 6; n += 1) {
      expect((await attempt()).ok).toBe(true); // a failure past the free ones…
      const refused = await attempt(); // …locks the key
      if (refused.ok) throw new Error('expected a lock');
      locks.push(refused.retryAfterMs);
      clock.now += refused.retryAfterMs;
    }
    expect(locks).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('lets a success on one account clear that account but only forgive one attempt on the address', async () => {
    const throttle = createLoginThrottle({ storage: db.storage, now: () => 0 });
    const attempt = (account: string) =>
      throttle.begin([
        { key: account, policy },
        { key: 'ip', policy },
      ]);
    expect((await attempt('victim')).ok).toBe(true);
    expect((await attempt('victim')).ok).toBe(true);
    expect((await attempt('own')).ok).toBe(true);
    await throttle.succeed({ clear: ['own'], forgive: ['ip'] }); // the attacker signs into their own account
    expect((await attempt('victim')).ok).toBe(true); // third counted failure on the address: still free
    expect((await attempt('other')).ok).toBe(true); // fourth: locks the address
    expect((await attempt('another')).ok).toBe(false);
  });

  it('counts every one of many parallel guesses, and survives a restart of the server', async () => {
    const throttle = createLoginThrottle({ storage: db.storage, now: () => 0 });
    const decisions = await Promise.all(Array.from({ length: 10 }, () => throttle.begin([{ key: 'k', policy }])));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(4); // 3 free, the 4th locks
    const restarted = createLoginThrottle({ storage: db.storage, now: () => 500 });
    expect(await restarted.begin([{ key: 'k', policy }])).toEqual({ ok: false, retryAfterMs: 500 });
  });

  it('is forgotten by the hourly purge once idle for twice the longest lock, never while locked', async () => {
    const clock = { now: 0 };
    const throttle = createLoginThrottle({ storage: db.storage, now: () => clock.now });
    const purge = createPurgeExpired({ storage: db.storage, now: () => clock.now, tombstoneRetentionMs: 0, throttleIdleMs: 2 * policy.maxDelayMs });
    for (let n = 0; n < 4; n += 1) await throttle.begin([{ key: 'idle', policy }]);
    clock.now = 2 * policy.maxDelayMs;
    expect((await purge()).throttles).toBe(0);
    clock.now += 1;
    expect((await purge()).throttles).toBe(1);
    expect(await throttle.begin([{ key: 'idle', policy }])).toEqual({ ok: true });
  });
});
