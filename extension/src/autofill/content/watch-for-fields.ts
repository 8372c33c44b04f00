// The always-on part of autofill: notices, as cheaply as possible, that a page has a field someone
// could type a credential into, then hands over to the lazily loaded engine. Pages without such a
// field cost one native selector query at idle time and a MutationObserver that only queues nodes
// (uBlock Origin's rule: no work inside the callback). Inputs inside shadow roots are found when the
// user focuses one (focusin is composed) or when an added custom element carries them.
import { createIdleWork, type IdleScheduler } from './idle-work';

/**
 * Inputs a person types into, by a native selector so non-matching elements never reach script.
 * A loose prefilter: the engine's detector decides what each field really is.
 */
export const CANDIDATE_SELECTOR =
  'input:not([type=hidden i],[type=checkbox i],[type=radio i],[type=submit i],[type=button i],[type=image i],[type=reset i],[type=file i],[type=range i],[type=color i])';

// More queued nodes than this and one full-document query is cheaper than looking at each.
const QUEUE_LIMIT = 2000;

export type WatchOptions = {
  document: Document;
  schedule: IdleScheduler;
  now: () => number;
  /** Called once, when a candidate field first appears; watching stops then. */
  onFound: () => void;
  budgetMs?: number;
};

function holdsCandidate(element: Element): boolean {
  if (element.matches(CANDIDATE_SELECTOR) || element.querySelector(CANDIDATE_SELECTOR) !== null) return true;
  // An added custom element may bring its own open shadow tree (declarative, or built on upgrade).
  const shadow = element.localName.includes('-') ? element.shadowRoot : null;
  return shadow !== null && shadow.querySelector(CANDIDATE_SELECTOR) !== null;
}

export function watchForCandidateFields(options: WatchOptions): { stop: () => void } {
  const { document } = options;
  const queue: Element[] = [];
  let fullScan = true;
  let stopped = false;

  const work = createIdleWork({
    schedule: options.schedule,
    budgetMs: options.budgetMs ?? 4,
    now: options.now,
    step: () => {
      if (stopped) return 'done';
      if (fullScan) {
        fullScan = false;
        queue.length = 0;
        if (document.querySelector(CANDIDATE_SELECTOR) !== null) return found();
        return 'more';
      }
      const element = queue.pop();
      if (element === undefined) return 'done';
      if (element.isConnected && holdsCandidate(element)) return found();
      return 'more';
    },
  });

  function found(): 'done' {
    stop();
    options.onFound();
    return 'done';
  }

  // The page's own realm (jsdom in tests): MutationObserver is not a Node global.
  const observer = new document.defaultView!.MutationObserver((records) => {
    // Queue only: every check happens later, in idle time.
    if (fullScan) return;
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === 1) queue.push(node as Element);
    }
    if (queue.length > QUEUE_LIMIT) fullScan = true;
    if (queue.length > 0 || fullScan) work.request();
  });

  function onFocusIn(event: FocusEvent): void {
    const target = event.composedPath()[0] as Node | undefined;
    if (target?.nodeType === 1 && (target as Element).matches(CANDIDATE_SELECTOR)) found();
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    work.cancel();
    document.removeEventListener('focusin', onFocusIn, true);
  }

  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('focusin', onFocusIn, true);
  work.request();
  return { stop };
}
