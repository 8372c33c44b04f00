// The always-on part of autofill: notices, as cheaply as possible, that a page has a field someone
// could type a credential into, then hands over to the lazily loaded engine. It costs one native
// selector query when it starts (at document_idle) and a focusin listener; no MutationObserver, so a
// page that churns its DOM pays nothing. A field that appears later is found when the user focuses
// it (focusin is composed: inputs inside shadow roots are seen too) — which is when the inline menu
// is wanted anyway; a fill started from the toolbar loads the engine itself (background).

/**
 * Inputs a person types into, by a native selector so non-matching elements never reach script.
 * A loose prefilter: the engine's detector decides what each field really is.
 */
export const CANDIDATE_SELECTOR =
  'input:not([type=hidden i],[type=checkbox i],[type=radio i],[type=submit i],[type=button i],[type=image i],[type=reset i],[type=file i],[type=range i],[type=color i])';

export type WatchOptions = {
  document: Document;
  /** Called once, when a candidate field is first seen; watching stops then. */
  onFound: () => void;
};

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

  function stop(): void {
    stopped = true;
    document.removeEventListener('focusin', onFocusIn, true);
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
  // element wrapper of a content script's world is what costs (interface objects get built).
  const focusedInShadow = (): boolean => document.querySelector(':focus') !== null && isCandidate(deepActiveElement(document));
  if (document.querySelector(CANDIDATE_SELECTOR) !== null || focusedInShadow()) found();
  else document.addEventListener('focusin', onFocusIn, true);
  return { stop };
}
