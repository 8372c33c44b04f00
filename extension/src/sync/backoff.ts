// When to try again after a failed sync: exponential backoff from 30 s, doubling per consecutive
// failure up to one hour, with ±20 % jitter so devices that lost the server together do not all
// come back in the same second. A server that says how long to wait (Retry-After) is believed up to
// the same cap. The live-push listener reconnects on the same curve from a shorter base
// (`baseMs`/`maxMs`, push-listener.ts).

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

export function backoffDelay(
  failures: number,
  options: { random?: () => number; retryAfterMs?: number | null; baseMs?: number; maxMs?: number } = {},
): number {
  const maxMs = options.maxMs ?? BACKOFF_MAX_MS;
  const exponent = Math.min(Math.max(failures, 1) - 1, 16);
  const base = Math.min((options.baseMs ?? BACKOFF_BASE_MS) * 2 ** exponent, maxMs);
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  const delay = Math.round(base * jitter);
  const asked = options.retryAfterMs ?? 0;
  return Math.min(Math.max(delay, asked), maxMs);
}
