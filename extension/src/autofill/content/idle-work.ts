// Runs queued work in idle periods, a slice at a time, so nothing we do competes with the page's
// own frames (ARCHITECTURE.md: detection outside MutationObserver callbacks, idle time, a budget).
// The scheduler is injected: requestIdleCallback in pages, a manual one in Node tests.

export type IdleDeadline = { timeRemaining(): number };
export type IdleScheduler = (callback: (deadline: IdleDeadline) => void) => void;

/**
 * requestIdleCallback, with a timeout so a page that is never idle still gets its fields found.
 * With `delayMs`, the idle period is waited for only after that delay: work that a busy page asks
 * for again and again (mutations) then runs a few times a second in one batch, not in every gap
 * between the page's own tasks.
 */
export function browserIdleScheduler(options: { timeoutMs: number; delayMs?: number }): IdleScheduler {
  const { timeoutMs, delayMs = 0 } = options;
  const idle: IdleScheduler =
    typeof requestIdleCallback === 'function'
      ? (callback) => void requestIdleCallback(callback, { timeout: timeoutMs })
      : (callback) => void setTimeout(() => callback({ timeRemaining: () => 5 }), 50);
  return delayMs > 0 ? (callback) => void setTimeout(() => idle(callback), delayMs) : idle;
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
export function createIdleWork(options: {
  schedule: IdleScheduler;
  budgetMs: number;
  now: () => number;
  step: () => 'more' | 'done';
}): IdleWork {
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
