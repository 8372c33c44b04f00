import { describe, expect, it } from 'vitest';
import { createActivityPinger } from '../../src/ui/lib/activity';

describe('activity pings', () => {
  it('sends at most one ping per interval however busy the user is', () => {
    let now = 0;
    let pings = 0;
    const pinger = createActivityPinger({ ping: () => pings++, now: () => now, intervalMs: 20_000 });
    for (; now < 60_000; now += 500) pinger.notify();
    expect(pings).toBe(3);
  });

  it('pings on the first activity at once', () => {
    let pings = 0;
    createActivityPinger({ ping: () => pings++, now: () => 123 }).notify();
    expect(pings).toBe(1);
  });
});
