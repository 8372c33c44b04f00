// Per-client request budget (default 2,000 requests per 5 minutes), spent alike on every server
// process that serves one database (docs/adr/0014-shared-request-budget.md).
//
// Fixed windows aligned to the clock (window k covers [k·W, (k+1)·W)), so every process agrees which
// window a request falls in. Each process counts locally and reconciles with the database's counter
// (RequestBudgetStore) in batches: once a second for every client seen since, and at once for a
// client that has spent its `slice` of unconfirmed requests — that request waits for the round trip.
// A client is refused when the total it last learned from the database plus what this process has
// admitted since reaches the budget. So a request costs a map update, an ordinary client never
// waits for the database, and N processes together admit at most budget + N·slice in a window.
// If the database cannot be reached, each process falls back to its own count (the budget it
// already enforces alone), rather than refusing everyone.
import type { RequestBudgetStore } from '../storage/port';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export type IpRateLimiter = {
  take(clientKey: string): Promise<RateDecision>;
  /** Sends what is still unreported to the database and stops the periodic reconciliation. */
  close(): Promise<void>;
};

export type IpRateLimiterOptions = {
  requests: number;
  windowSeconds: number;
  /** Where the counts are shared; without it (tests of the policy alone) counts stay in this process. */
  store?: RequestBudgetStore;
  now?: () => number;
  /** How often counts are reconciled with the store (default 1 s). */
  syncIntervalMs?: number;
  /** Unconfirmed requests one client may make before it waits for a reconciliation (default budget/50, at least 1). */
  slice?: number;
  onError?: (error: Error) => void;
};

type Count = {
  /** The total the database reported at this process's last reconciliation of the key. */
  confirmed: number;
  /** Admitted here and not yet sent to the database. */
  pending: number;
  /** Sent in the batch now in flight, not yet confirmed. */
  sending: number;
};

/** A client that keeps finding its slice spent (a flooder racing other processes) waits at most this many rounds. */
const MAX_SYNC_WAITS = 3;

export function createIpRateLimiter(options: IpRateLimiterOptions): IpRateLimiter {
  const now = options.now ?? Date.now;
  const windowMs = options.windowSeconds * 1000;
  const slice = Math.max(1, options.slice ?? Math.floor(options.requests / 50));
  const store = options.store;
  let windowStart = Math.floor(now() / windowMs) * windowMs;
  let counts = new Map<string, Count>();
  let syncing: Promise<void> | undefined;
  let cleanedBefore = 0;
  let closed = false;

  /** Starts a new window when the clock has moved past the current one. */
  function roll(time: number): void {
    const start = Math.floor(time / windowMs) * windowMs;
    if (start === windowStart) return;
    windowStart = start;
    counts = new Map();
  }

  /** Sends the pending counts of the current window in one batch; coalesced while one is in flight. */
  function sync(): Promise<void> {
    // `finally` runs after the assignment even when `report` finishes synchronously.
    syncing ??= report().finally(() => (syncing = undefined));
    return syncing;
  }

  async function report(): Promise<void> {
    try {
      if (!store) return;
      const window = windowStart;
      const batch = new Map<string, number>();
      for (const [key, count] of counts) {
        if (count.pending > 0) {
          batch.set(key, count.pending);
          count.sending = count.pending;
          count.pending = 0;
        }
      }
      if (batch.size > 0) {
        let totals: Map<string, number>;
        try {
          totals = await store.add(window, batch);
        } catch (error) {
          // Not reported: count them again locally, and send them with the next batch.
          if (window === windowStart) {
            for (const [key, n] of batch) {
              const count = counts.get(key)!;
              count.sending = 0;
              count.pending += n;
            }
          }
          throw error;
        }
        if (window === windowStart) {
          for (const [key, total] of totals) {
            const count = counts.get(key);
            if (count) {
              count.confirmed = Math.max(count.confirmed, total);
              count.sending = 0;
            }
          }
        }
      }
      // Old windows' counters are of no use: forget them, once per window per process.
      if (cleanedBefore < window) {
        cleanedBefore = window;
        await store.deleteBefore(window);
      }
    } catch (error) {
      options.onError?.(error as Error);
    }
  }

  const timer = store ? setInterval(() => void sync(), options.syncIntervalMs ?? 1_000) : undefined;
  timer?.unref();

  return {
    async take(clientKey) {
      for (let waits = 0; ; waits += 1) {
        const time = now();
        roll(time);
        let count = counts.get(clientKey);
        if (!count) counts.set(clientKey, (count = { confirmed: 0, pending: 0, sending: 0 }));
        if (count.confirmed + count.sending + count.pending >= options.requests) {
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - time) / 1000)) };
        }
        if (store && !closed && count.pending + count.sending >= slice && waits < MAX_SYNC_WAITS) {
          await sync();
          continue;
        }
        count.pending += 1;
        return { ok: true };
      }
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await syncing;
      await sync();
    },
  };
}
