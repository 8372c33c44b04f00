// Retrying a server that is down: 30 s doubling to an hour, jittered, and never sooner than the
// server asked.
import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_MAX_MS } from '../../src/sync/backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('doubles from 30 s per consecutive failure and stops at one hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { random: middle }))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffDelay(50, { random: middle })).toBe(BACKOFF_MAX_MS);
  });

  it('spreads retries by ±20 % and honours Retry-After up to the cap', () => {
    expect(backoffDelay(1, { random: () => 0 })).toBe(24_000);
    expect(backoffDelay(1, { random: () => 0.999999 })).toBeLessThanOrEqual(36_000);
    expect(backoffDelay(1, { random: middle, retryAfterMs: 90_000 })).toBe(90_000);
    expect(backoffDelay(1, { random: middle, retryAfterMs: 10 * BACKOFF_MAX_MS })).toBe(BACKOFF_MAX_MS);
  });
});
