// Exponential backoff after failed logins, per key (an account's email hash, a client address).
// After `freeAttempts` failures, each further failure locks the key for baseDelay·2^k (capped at
// maxDelay). A failure is counted when the attempt starts, so a burst of parallel guesses cannot
// slip through before the first one is judged. Success clears the account's key but only forgives
// one attempt on the address (else logging into one's own account would reset the address's count
// between guesses at someone else's). Keys idle for twice the
// longest delay are forgotten. Unknown and known accounts go through exactly the same path.
// The interface is async so that the counts can move into the shared database for several
// replicas (docs/adr/0012-server-storage-port.md); this implementation keeps them in memory.
export type ThrottlePolicy = { freeAttempts: number; baseDelayMs: number; maxDelayMs: number };

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterMs: number };

export type LoginThrottle = {
  /** Refuses while any key is locked; otherwise counts one attempt against every key. */
  begin(keys: readonly { key: string; policy: ThrottlePolicy }[]): Promise<ThrottleDecision>;
  /** After a successful attempt: `clear` keys start over, `forgive` keys take back this attempt. */
  succeed(keys: { clear: readonly string[]; forgive: readonly string[] }): Promise<void>;
};

type Entry = { failures: number; lockedUntil: number; lastAttempt: number };

export function createLoginThrottle(options: { now?: () => number; maxEntries?: number } = {}): LoginThrottle {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, Entry>();
  let forgetAfterMs = 0;

  const prune = (time: number) => {
    for (const [key, entry] of entries) {
      if (time - entry.lastAttempt > forgetAfterMs && entry.lockedUntil <= time) entries.delete(key);
    }
    // Still too many (an address-rotating flood): drop the oldest; Map iterates in insertion order.
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(key);
    }
  };

  return {
    async begin(keys) {
      const time = now();
      for (const { key, policy } of keys) {
        forgetAfterMs = Math.max(forgetAfterMs, policy.maxDelayMs * 2);
        const entry = entries.get(key);
        if (entry && time - entry.lastAttempt > policy.maxDelayMs * 2) entries.delete(key);
        else if (entry && entry.lockedUntil > time) return { ok: false, retryAfterMs: entry.lockedUntil - time };
      }
      for (const { key, policy } of keys) {
        const entry = entries.get(key) ?? { failures: 0, lockedUntil: 0, lastAttempt: time };
        entry.failures += 1;
        entry.lastAttempt = time;
        const excess = entry.failures - policy.freeAttempts;
        if (excess > 0) {
          entry.lockedUntil = time + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (excess - 1));
        }
        entries.delete(key);
        entries.set(key, entry);
      }
      if (entries.size > maxEntries) prune(time);
      return { ok: true };
    },
    async succeed(keys) {
      for (const key of keys.clear) entries.delete(key);
      for (const key of keys.forgive) {
        const entry = entries.get(key);
        if (entry) entry.failures = Math.max(0, entry.failures - 1);
      }
    },
  };
}
