// Notices that a page changed after load (single-page apps render their login forms late) without
// making the page pay for it. The MutationObserver callback does no work: it disconnects the
// observer and asks for idle time — it reads nothing, neither the DOM nor the records. In an idle
// period a while later, the caller's check runs (a native selector query for candidate fields: no
// element that does not match ever reaches script), then the observer is reconnected. So a page
// that mutates 1,000 times a second makes a few records a second instead of a thousand, and pays
// for one query each time (docs/architecture.md, "Autofill rules": detection outside MutationObserver callbacks, idle
// time, a budget).
//
// The wait after a change is at least MIN_WAIT_MS, and 100 times what the last check took, so the
// checks never take more than 1% of the page's time however large the page; a check also waits
// for an idle period with room for it (or the scheduler's timeout). A page that keeps changing (a
// live feed, a ticker) is checked less and less often: each change that comes within the last
// wait of the reconnect doubles the wait, up to MAX_WAIT_MS; one that comes after a quiet spell
// (a single-page app rendering its login form) is checked after MIN_WAIT_MS again. Observers do not see into
// shadow roots they are not given: the caller hands over the open ones it knows; fields in other
// shadow roots are met when the user focuses them (focusin is composed).
import { browserIdleScheduler, type IdleDeadline, type IdleScheduler } from './idle-work';

/**
 * Inputs a person types into, by a native selector so non-matching elements never reach script.
 * A loose prefilter: the engine's detector decides what each field really is.
 */
export const CANDIDATE_SELECTOR =
  'input:not([type=hidden i],[type=checkbox i],[type=radio i],[type=submit i],[type=button i],[type=image i],[type=reset i],[type=file i],[type=range i],[type=color i])';

/** The least time between a change and its check: a single-page app's form still gets its icon promptly. */
const MIN_WAIT_MS = 250;
/** The longest wait while a page keeps changing; focus still loads the engine at once. */
const MAX_WAIT_MS = 2000;
/** A check waits this many times its last duration, so checking stays under 1% of the page's time. */
const WAIT_PER_CHECK_MS = 100;

/** requestIdleCallback with a timeout, for the checks. */
export function insertionIdleScheduler(): IdleScheduler {
  return browserIdleScheduler({ timeoutMs: 1000 });
}

export type InsertionWatch = {
  /** Also watch this open shadow root (for as long as its host is in the page). */
  observe(root: ShadowRoot): void;
  disconnect(): void;
};

export type InsertionWatchOptions = {
  document: Document;
  schedule: IdleScheduler;
  now: () => number;
  /** Runs in idle time after the page changed: look at the page (with native queries) now. */
  check: () => void;
};

// `type` changes turn hidden inputs into text fields (and back).
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['type'] };

export function watchInsertions(options: InsertionWatchOptions): InsertionWatch {
  const { document } = options;
  let shadowRoots: ShadowRoot[] = [];
  let lastCheckMs = 0;
  let waiting = false;
  // The wait before the next check, and when the observer was last reconnected.
  let wait = MIN_WAIT_MS;
  let connectedAt = Number.NEGATIVE_INFINITY;
  let stopped = false;

  function connect(): void {
    observer.observe(document, OBSERVED);
    shadowRoots = shadowRoots.filter((root) => root.host.isConnected);
    for (const root of shadowRoots) observer.observe(root, OBSERVED);
  }

  function run(deadline: IdleDeadline): void {
    if (stopped) return;
    // One native query cannot be cut in slices: it waits for an idle period long enough for it.
    if (deadline.timeRemaining() < lastCheckMs && deadline.didTimeout !== true) {
      options.schedule(run);
      return;
    }
    waiting = false;
    const started = options.now();
    options.check();
    lastCheckMs = options.now() - started;
    connectedAt = options.now();
    if (!stopped) connect();
  }

  // The callback does no work (see the top of this file): no DOM reads, no record reads.
  const observer = new document.defaultView!.MutationObserver(() => {
    observer.disconnect();
    if (waiting) return;
    waiting = true;
    const now = options.now();
    wait = now - connectedAt < wait ? Math.min(MAX_WAIT_MS, wait * 2) : MIN_WAIT_MS;
    options.schedule(run, { afterMs: Math.max(wait, WAIT_PER_CHECK_MS * lastCheckMs) });
  });

  observer.observe(document, OBSERVED);
  return {
    observe(root) {
      if (stopped || shadowRoots.includes(root)) return;
      shadowRoots.push(root);
      if (!waiting) observer.observe(root, OBSERVED);
    },
    disconnect() {
      stopped = true;
      observer.disconnect();
    },
  };
}
