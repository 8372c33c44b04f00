// A growing delay after repeated wrong master passwords. The first three tries are free; after
// that each failure doubles the wait (1 s, 2 s, 4 s … capped at 5 minutes). The count lives in the
// database, so closing the popup or restarting the service worker does not reset it; a correct
// password does. This slows a person guessing at the keyboard; the KDF is what slows a machine.

export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

export type Failures = { count: number; lastAt: number };

export function delayAfter(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (count - FREE_ATTEMPTS));
}

/** Milliseconds until the next attempt is allowed (0 = now). */
export function retryAfterMs(failures: Failures | undefined, now: number): number {
  if (!failures) return 0;
  return Math.max(0, failures.lastAt + delayAfter(failures.count) - now);
}
