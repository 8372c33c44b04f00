// Runs queued work in idle periods, a slice at a time, so nothing we do competes with the page's
// own frames (docs/architecture.md, "Autofill rules": detection outside MutationObserver callbacks, idle time, a budget).
// The scheduler is injected: requestIdleCallback in pages, a manual one in Node tests.

export type IdleDeadline = { timeRemaining(): number; readonly didTimeout?: boolean };
/** Calls back in an idle period; with `afterMs`, in the first idle period after that long. */
export type IdleScheduler = (callback: (deadline: IdleDeadline) => void, options?: { afterMs?: number }) => void;

/** requestIdleCallback, with a timeout so a page that is never idle still gets its fields found. */
export function browserIdleScheduler(options: { timeoutMs: number }): IdleScheduler {
  const idle = (callback: (deadline: IdleDeadline) => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: options.timeoutMs });
    else setTimeout(() => callback({ timeRemaining: () => 5 }), 50);
  };
  return (callback, { afterMs = 0 } = {}) => {
    if (afterMs > 0) setTimeout(() => idle(callback), afterMs);
    else idle(callback);
  };
}

export type IdleWork = {
  /** Asks for a slice; repeated calls before it runs are one request. */
  request(): void;
  cancel(): void;
};

/**
 * `step` is called again and again within one idle slice while it returns 'more' and the slice has
 * time left (at most `budgetMs` per slice); 'done' ends the work until the next request().
 */
export function createIdleWork(options: { schedule: IdleScheduler; budgetMs: number; now: () => number; step: () => 'more' | 'done' }): IdleWork {
  let requested = false;
  let cancelled = false;

  function run(deadline: IdleDeadline): void {
    requested = false;
    if (cancelled) return;
    const stopAt = options.now() + Math.min(options.budgetMs, Math.max(1, deadline.timeRemaining()));
    while (options.step() === 'more') {
      if (cancelled) return;
      if (options.now() >= stopAt) {
        request();
        return;
      }
    }
  }

  function request(): void {
    if (requested || cancelled) return;
    requested = true;
    options.schedule(run);
  }

  return {
    request,
    cancel() {
      cancelled = true;
    },
  };
}
