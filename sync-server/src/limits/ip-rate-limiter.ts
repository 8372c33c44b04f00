// Per-client request budget (default 2,000 requests per 5 minutes). Fixed windows shared by all
// clients: at each window boundary every counter starts again, which keeps memory proportional to
// the clients seen in one window and the bookkeeping O(1) per request.
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export type IpRateLimiter = { take(clientKey: string): RateDecision };

export function createIpRateLimiter(options: { requests: number; windowSeconds: number; now?: () => number }): IpRateLimiter {
  const now = options.now ?? Date.now;
  const windowMs = options.windowSeconds * 1000;
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    take(clientKey) {
      const time = now();
      if (time - windowStart >= windowMs) {
        windowStart = time;
        counts = new Map();
      }
      const count = (counts.get(clientKey) ?? 0) + 1;
      counts.set(clientKey, count);
      if (count <= options.requests) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - time) / 1000)) };
    },
  };
}
