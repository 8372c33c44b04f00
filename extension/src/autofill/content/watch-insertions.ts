// Notices candidate fields that a page inserts after load (single-page apps render their login
// forms late), the uBlock Origin way: the MutationObserver callback only queues the records it is
// handed and asks for idle time — it reads nothing from the DOM — and an idle step looks at the
// queued records a few at a time under a time budget. A churning page therefore pays one array push
// per mutation batch, plus, in idle time, a native selector match on each inserted element
// (ARCHITECTURE.md: detection outside MutationObserver callbacks, idle time, a budget).
//
// Observers do not see into shadow roots: an inserted element that hosts an open shadow root has its
// tree checked and observed too; a host deeper inside an inserted subtree is met by the focusin
// fallback of the callers instead.
import { browserIdleScheduler, createIdleWork, type IdleScheduler } from './idle-work';

/**
 * Inputs a person types into, by a native selector so non-matching elements never reach script.
 * A loose prefilter: the engine's detector decides what each field really is.
 */
export const CANDIDATE_SELECTOR =
  'input:not([type=hidden i],[type=checkbox i],[type=radio i],[type=submit i],[type=button i],[type=image i],[type=reset i],[type=file i],[type=range i],[type=color i])';

/**
 * Idle time for looking at queued records, waited for only this long after a first mutation: a
 * churning page mutates every few milliseconds, and is then looked at a few times a second, in
 * batches, rather than in every gap between its own tasks. A form still gets its icon promptly.
 */
export function insertionIdleScheduler(): IdleScheduler {
  return browserIdleScheduler({ timeoutMs: 1000, delayMs: 250 });
}

/** Past this many queued batches the records are dropped and the next idle step asks the whole page instead. */
const MAX_QUEUED_BATCHES = 500;

export type InsertionCheck = {
  /** A candidate field was inserted, or an input became one by a `type` change. */
  added: boolean;
};

export type InsertionWatch = {
  /** Also watch this (open) shadow root. */
  observe(root: ShadowRoot): void;
  disconnect(): void;
};

export type InsertionWatchOptions = {
  document: Document;
  schedule: IdleScheduler;
  now: () => number;
  /** Most time one idle slice may spend looking at queued records. */
  budgetMs: number;
  /**
   * In idle time, once the queued records have been looked at. Called after every batch of
   * mutations, so a caller can also check whether what it knows is still in the page (removals are
   * not looked at here: reading every record's removed nodes would cost a churning page more).
   */
  onChecked: (check: InsertionCheck) => void;
};

const RECORDS_PER_STEP = 16;
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['type'] };

export function watchInsertions(options: InsertionWatchOptions): InsertionWatch {
  const { document } = options;
  const view = document.defaultView!;
  let queue: MutationRecord[][] = [];
  let overflow = false;
  let batch = 0;
  let record = 0;
  let added = false;
  const observedRoots = new WeakSet<ShadowRoot>();

  const isCandidate = (element: Element): boolean => element.matches(CANDIDATE_SELECTOR);

  function inserted(node: Node): boolean {
    if (node.nodeType !== 1 || !node.isConnected) return false;
    const element = node as Element;
    if (isCandidate(element) || element.querySelector(CANDIDATE_SELECTOR) !== null) return true;
    const shadow = element.shadowRoot;
    if (shadow === null) return false;
    observe(shadow);
    return shadow.querySelector(CANDIDATE_SELECTOR) !== null;
  }

  /** Too many mutations to keep: the document as it is now, with one native query (shadow roots: focusin). */
  function lookAtEverything(): void {
    added = document.querySelector(CANDIDATE_SELECTOR) !== null;
  }

  function look(at: MutationRecord): void {
    if (at.type === 'attributes') {
      const target = at.target as Element;
      if (target.isConnected && isCandidate(target)) added = true;
      return;
    }
    // Indexed, not Array.from: most records of a churning page add one node or none.
    const nodes = at.addedNodes;
    for (let i = 0; i < nodes.length && !added; i += 1) added = inserted(nodes[i]!);
  }

  const work = createIdleWork({
    schedule: options.schedule,
    budgetMs: options.budgetMs,
    now: options.now,
    step: () => {
      if (overflow) {
        overflow = false;
        queue = [];
        lookAtEverything();
      }
      // A few records per step: the budget is checked between steps, not after every record.
      for (let looked = 0; looked < RECORDS_PER_STEP && !added; looked += 1) {
        const records = queue[batch];
        if (records === undefined) break;
        const next = records[record++];
        if (next !== undefined) look(next);
        else {
          batch += 1;
          record = 0;
        }
      }
      if (queue[batch] !== undefined && !added) return 'more';
      // Drained (or a candidate found: the rest cannot add anything the caller does not learn now).
      queue = [];
      batch = 0;
      record = 0;
      const found = added;
      added = false;
      options.onChecked({ added: found });
      return 'done';
    },
  });

  // The callback only queues: no DOM reads, no detection (see the top of this file).
  const observer = new view.MutationObserver((records) => {
    if (queue.length < MAX_QUEUED_BATCHES) queue.push(records);
    else overflow = true;
    work.request();
  });

  function observe(root: Document | ShadowRoot): void {
    if (root.nodeType === 11) {
      if (observedRoots.has(root as ShadowRoot)) return;
      observedRoots.add(root as ShadowRoot);
    }
    observer.observe(root, OBSERVED);
  }

  observe(document);
  return {
    observe,
    disconnect() {
      observer.disconnect();
      work.cancel();
      queue = [];
    },
  };
}
