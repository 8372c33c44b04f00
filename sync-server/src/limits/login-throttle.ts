// Exponential backoff after failed logins, per key (an account's email hash, a client address).
// After `freeAttempts` failures, each further failure locks the key for baseDelay·2^k (capped at
// maxDelay). A failure is counted when the attempt starts, so a burst of parallel guesses cannot
// slip through before the first one is judged. Success clears the account's key but only forgives
// one attempt on the address (else logging into one's own account would reset the address's count
// between guesses at someone else's). Keys idle for twice the longest delay are forgotten (and
// purged hourly, sync/purge-expired.ts). Unknown and known accounts go through exactly the same path.
// The counts live in the database (ThrottleStore), so a restart does not reset them and every
// server process on one database counts the same attempts; each step is one transaction that locks
// the keys' entries, so concurrent attempts are counted one by one.
import type { Storage, ThrottleEntry } from '../storage/port';

export type ThrottlePolicy = { freeAttempts: number; baseDelayMs: number; maxDelayMs: number };

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterMs: number };

export type LoginThrottle = {
  /** Refuses while any key is locked; otherwise counts one attempt against every key. */
  begin(keys: readonly { key: string; policy: ThrottlePolicy }[]): Promise<ThrottleDecision>;
  /** After a successful attempt: `clear` keys start over, `forgive` keys take back this attempt. */
  succeed(keys: { clear: readonly string[]; forgive: readonly string[] }): Promise<void>;
};

export function createLoginThrottle(deps: { storage: Storage; now: () => number }): LoginThrottle {
  const { storage, now } = deps;
  return {
    begin: (keys) =>
      storage.transaction(async (tx): Promise<ThrottleDecision> => {
        const time = now();
        const entries = await tx.throttles.lock(
          keys.map(({ key }) => key),
          { now: time },
        );
        for (const { key, policy } of keys) {
          const entry = entries.get(key);
          // Idle entries start over, but never one that is still locked (as the purge keeps those too).
          if (entry && time - entry.lastAttempt > policy.maxDelayMs * 2 && entry.lockedUntil <= time) entries.delete(key);
          else if (entry && entry.lockedUntil > time) return { ok: false, retryAfterMs: entry.lockedUntil - time };
        }
        const counted = keys.map(({ key, policy }): ThrottleEntry => {
          const entry = entries.get(key);
          const failures = (entry?.failures ?? 0) + 1;
          const excess = failures - policy.freeAttempts;
          const lockedUntil = excess > 0 ? time + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (excess - 1)) : (entry?.lockedUntil ?? 0);
          return { key, failures, lockedUntil, lastAttempt: time };
        });
        await tx.throttles.put(counted);
        return { ok: true };
      }),
    succeed: ({ clear, forgive }) =>
      storage.transaction(async (tx) => {
        await tx.throttles.delete(clear);
        const entries = await tx.throttles.lock(forgive, { now: now() });
        await tx.throttles.put([...entries.values()].map((entry) => ({ ...entry, failures: Math.max(0, entry.failures - 1) })));
      }),
  };
}
