// Who counts as one client, and how budgets and backoff behave over time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientAddress, rateLimitKey } from '../src/limits/client-address';
import { createIpRateLimiter } from '../src/limits/ip-rate-limiter';
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
  it('refuses past the budget until the window ends', () => {
    const clock = { now: 0 };
    const limiter = createIpRateLimiter({ requests: 3, windowSeconds: 60, now: () => clock.now });
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
    expect(limiter.take('b').ok).toBe(true);
    clock.now = 45_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 15 });
    clock.now = 60_000;
    expect(limiter.take('a').ok).toBe(true);
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
