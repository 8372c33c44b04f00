// Keeps the detector's view of the page. A pass runs in idle time (requestIdleCallback, with a
// budget) when the engine starts and whenever the engine asks: when the user focuses a field, before
// a fill the background started, and when the page inserted a candidate field or removed a detected
// one (start-engine.ts, through watch-insertions.ts, whose observer callbacks only queue).
import { detectInTree } from '../detect/detect-fields';
import { collectTree } from '../detect/walk-tree';
import type { DetectedField, FormControl } from '../detect/types';
import { createIdleWork, type IdleScheduler } from '../content/idle-work';

export type FieldTracker = {
  fields(): readonly DetectedField[];
  fieldOf(element: Element): DetectedField | undefined;
  /** Asks for a new pass in idle time; resolves when it is done. */
  refresh(): Promise<void>;
  /** Resolves once the first pass is done. */
  whenReady(): Promise<void>;
  /** How long each completed pass took (ms), oldest first, at most the last 20. */
  passTimes(): readonly number[];
  /** The open shadow roots the last pass walked through. */
  shadowRoots(): readonly ShadowRoot[];
  /** Called after every pass, with the fields that pass found. */
  onChange(listener: (fields: readonly DetectedField[]) => void): void;
  stop(): void;
};

export function createFieldTracker(options: {
  document: Document;
  schedule: IdleScheduler;
  now: () => number;
  /** Budget of one detection pass; a pass that runs out is retried in the next idle period with twice the time. */
  budgetMs?: number;
}): FieldTracker {
  const { document } = options;
  let current: DetectedField[] = [];
  let shadowRoots: ShadowRoot[] = [];
  let byElement = new Map<Element, DetectedField>();
  const listeners: ((fields: readonly DetectedField[]) => void)[] = [];
  let budgetMs = options.budgetMs ?? 40;
  const times: number[] = [];
  let waiting: (() => void)[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const pass = createIdleWork({
    schedule: options.schedule,
    budgetMs: 50,
    now: options.now,
    step: () => {
      const started = options.now();
      const tree = collectTree(document);
      const found = detectInTree(tree, { budgetMs, now: options.now });
      // Out of budget (some groups were left out): again in the next idle period, with more time.
      if (options.now() - started > budgetMs) {
        budgetMs *= 2;
        return 'more';
      }
      times.push(options.now() - started);
      if (times.length > 20) times.shift();
      current = found;
      shadowRoots = tree.shadowRoots;
      byElement = new Map(found.map((field) => [field.element, field]));
      for (const listener of listeners) listener(current);
      markReady();
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve();
      return 'done';
    },
  });

  function refresh(): Promise<void> {
    const settled = new Promise<void>((resolve) => waiting.push(resolve));
    pass.request();
    return settled;
  }

  void refresh();
  return {
    fields: () => current,
    fieldOf: (element: Element) => byElement.get(element),
    refresh,
    whenReady: () => ready,
    passTimes: () => times,
    shadowRoots: () => shadowRoots,
    onChange(listener) {
      listeners.push(listener);
    },
    stop() {
      pass.cancel();
    },
  };
}

export type { DetectedField, FormControl };
