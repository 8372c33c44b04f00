// The always-on part of autofill: notices, as cheaply as possible, that a page has a field someone
// could type a credential into, then hands over to the lazily loaded engine. It costs one native
// selector query when it starts (at document_idle), a focusin listener, and a MutationObserver whose
// callback does no work (watch-insertions.ts): after the page changed, the same native query runs
// again in idle time, so a field a single-page app renders later loads the engine (and gets its
// icon) without waiting for a focus. Focus remains the fallback for what a selector query cannot
// see, fields in shadow roots: focusin is composed. A fill started from the toolbar loads the
// engine itself (background).
import type { IdleScheduler } from './idle-work';
import { CANDIDATE_SELECTOR, watchInsertions } from './watch-insertions';

export type WatchOptions = {
  document: Document;
  /** Called once, when a candidate field is first seen; watching stops then. */
  onFound: () => void;
  /** Idle time for looking at inserted elements (requestIdleCallback in pages). */
  schedule: IdleScheduler;
  now: () => number;
};

/** Matches the root element while any element of the page, in a shadow root or not, has the focus. */
const FOCUS_IN_PAGE = 'html:focus-within';

function isCandidate(node: EventTarget | null | undefined): boolean {
  return (node as Node | null)?.nodeType === 1 && (node as Element).matches(CANDIDATE_SELECTOR);
}

/** The focused element, looking into open shadow roots. */
function deepActiveElement(document: Document): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function watchForCandidateFields(options: WatchOptions): { stop: () => void } {
  const { document } = options;
  let stopped = false;
  let insertions: { disconnect(): void } | null = null;

  function stop(): void {
    stopped = true;
    document.removeEventListener('focusin', onFocusIn, true);
    insertions?.disconnect();
  }

  function found(): void {
    if (stopped) return;
    stop();
    options.onFound();
  }

  function onFocusIn(event: FocusEvent): void {
    if (isCandidate(event.composedPath()[0])) found();
  }

  // Selector queries first: a query that matches nothing hands no element to script, and the first
  // element wrapper of a content script's world is what costs (interface objects get built). Each is
  // one pass over the page, so what it tests per element matters: the focus in a shadow root (which
  // no query from here sees into) is looked for only when the page has a focus at all, and
  // `html:focus-within` (the flat tree's ancestors of the focused element) lets the pass reject each
  // element by its tag, where `:focus` tested the state of every one, about 5× as long on a large
  // page (bench/suites/autofill.ts, idle_page_ms).
  const focusedInShadow = (): boolean => document.querySelector(FOCUS_IN_PAGE) !== null && isCandidate(deepActiveElement(document));
  if (document.querySelector(CANDIDATE_SELECTOR) !== null || focusedInShadow()) {
    found();
    return { stop };
  }
  document.addEventListener('focusin', onFocusIn, true);
  insertions = watchInsertions({
    document,
    schedule: options.schedule,
    now: options.now,
    check: () => {
      if (document.querySelector(CANDIDATE_SELECTOR) !== null) found();
    },
  });
  return { stop };
}
