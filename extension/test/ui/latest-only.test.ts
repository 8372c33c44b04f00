import { describe, expect, it } from 'vitest';
import { createLatestOnly } from '../../src/ui/lib/latest-only';

describe('latest-only replies', () => {
  it('drops the reply to an older query that arrives after a newer one was sent', () => {
    const latest = createLatestOnly();
    const g = latest.next();
    const gi = latest.next();
    const git = latest.next();
    expect(latest.isCurrent(g)).toBe(false);
    expect(latest.isCurrent(gi)).toBe(false);
    expect(latest.isCurrent(git)).toBe(true);
    expect(latest.current).toBe(git);
  });
});
