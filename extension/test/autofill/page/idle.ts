// A hand-cranked idle scheduler: work asked for with requestIdleCallback runs only when the test says
// the page is idle, so a test can look at what happened before that.
import type { IdleScheduler } from '../../../src/autofill/content/idle-work';

export function manualIdle() {
  const waiting: Parameters<IdleScheduler>[0][] = [];
  const delays: number[] = [];
  let requests = 0;
  const schedule: IdleScheduler = (callback, options) => {
    requests += 1;
    delays.push(options?.afterMs ?? 0);
    waiting.push(callback);
  };
  return {
    schedule,
    requests: () => requests,
    /** The `afterMs` of every request so far (0 when none was given). */
    delays: () => delays,
    pending: () => waiting.length,
    /** Runs only the slices queued now (not what they queue), each with `ms` of idle time; how many ran. */
    runSlice(ms = 50, didTimeout = false): number {
      const now = waiting.splice(0);
      for (const callback of now) callback({ timeRemaining: () => ms, didTimeout });
      return now.length;
    },
    /** Runs everything queued (and what that queues), each slice with `ms` of idle time. */
    runIdle(ms = 50): void {
      for (let guard = 0; waiting.length > 0 && guard < 1000; guard += 1) waiting.shift()!({ timeRemaining: () => ms });
    },
  };
}

/** Lets MutationObserver callbacks run (they are microtasks). */
export const mutationsDelivered = () => new Promise((resolve) => setTimeout(resolve, 0));
