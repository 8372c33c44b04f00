// Keeps the detector's view of the page current. The first pass runs in idle time; afterwards a
// MutationObserver only queues what changed (uBlock Origin's rule), and a new pass runs in idle time
// only when a queued node is or holds a form control or form, or a control's identifying attribute
// changed. Open shadow roots met by the detector are observed too.
import { detectFields } from '../detect/detect-fields';
import type { DetectedField, FormControl } from '../detect/types';
import { createIdleWork, type IdleScheduler } from '../content/idle-work';

const RELEVANT = 'input, select, textarea, form';
// Attributes the detector reads that pages flip at run time (show-password toggles change `type`).
const WATCHED_ATTRIBUTES = ['type', 'autocomplete', 'name', 'id', 'placeholder', 'aria-label'];

export type FieldTracker = {
  fields(): readonly DetectedField[];
  /** Asks for a new pass (a field the last pass did not know got focus). */
  refresh(): void;
  fieldOf(element: Element): DetectedField | undefined;
  /** Called after every pass, with the fields that pass found. */
  onChange(listener: (fields: readonly DetectedField[]) => void): void;
  stop(): void;
};

export function createFieldTracker(options: {
  document: Document;
  schedule: IdleScheduler;
  now: () => number;
  /** Budget of one detection pass; a pass that runs out is retried in the next idle period. */
  budgetMs?: number;
}): FieldTracker {
  const { document } = options;
  let current: DetectedField[] = [];
  let byElement = new Map<Element, DetectedField>();
  const listeners: ((fields: readonly DetectedField[]) => void)[] = [];
  const observed = new WeakSet<Node>();
  const queue: Node[] = [];
  let dirty = true;
  let budgetMs = options.budgetMs ?? 40;

  function relevant(node: Node): boolean {
    if (node.nodeType !== 1) return false;
    const element = node as Element;
    return element.matches(RELEVANT) || element.querySelector(RELEVANT) !== null || (element.shadowRoot?.querySelector(RELEVANT) ?? null) !== null;
  }

  const pass = createIdleWork({
    schedule: options.schedule,
    budgetMs: 50,
    now: options.now,
    step: () => {
      // Cheap triage of queued nodes first; one relevant node makes the page dirty.
      while (!dirty && queue.length > 0) if (relevant(queue.pop()!)) dirty = true;
      queue.length = 0;
      if (!dirty) return 'done';
      dirty = false;
      const started = options.now();
      const found = detectFields(document, { budgetMs, now: options.now });
      // Out of budget (some groups left out): again in the next idle period with more time, so a
      // huge page still finishes.
      if (options.now() - started > budgetMs) {
        dirty = true;
        budgetMs *= 2;
      }
      // Changes inside the shadow roots that hold fields are watched too.
      for (const field of found) {
        const root = field.element.getRootNode();
        if (root.nodeType === 11) observe(root as ShadowRoot);
      }
      current = found;
      byElement = new Map(found.map((field) => [field.element, field]));
      for (const listener of listeners) listener(current);
      return dirty ? 'more' : 'done';
    },
  });

  const observer = new document.defaultView!.MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') queue.push(record.target);
      else {
        for (const node of record.addedNodes) queue.push(node);
        // A removed control leaves the current list stale (the save capture watches removals).
        for (const node of record.removedNodes) queue.push(node);
      }
    }
    pass.request();
  });

  function observe(root: Document | ShadowRoot): void {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  }

  observe(document);
  pass.request();

  return {
    fields: () => current,
    refresh() {
      dirty = true;
      pass.request();
    },
    fieldOf: (element: Element) => byElement.get(element),
    onChange(listener) {
      listeners.push(listener);
    },
    stop() {
      observer.disconnect();
      pass.cancel();
    },
  };
}

export type { DetectedField, FormControl };
