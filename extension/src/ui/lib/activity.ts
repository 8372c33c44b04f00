// Auto-lock counts inactivity; any key press or click in an extension page postpones it. Pinging
// the background on every event would flood it, so at most one ping per interval (~20 s) is sent.

export type ActivityPinger = { notify(): void };

export function createActivityPinger(deps: { ping: () => void; now: () => number; intervalMs?: number }): ActivityPinger {
  const interval = deps.intervalMs ?? 20_000;
  let last = -Infinity;
  return {
    notify() {
      const t = deps.now();
      if (t - last < interval) return;
      last = t;
      deps.ping();
    },
  };
}
