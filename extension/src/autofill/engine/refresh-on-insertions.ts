// The engine's answer to a page that changes after load: when the page inserts a candidate field
// (a single-page app rendering its login form) or removes one the detector knew, a new detection
// pass is asked for, so forms added after load are known without waiting for a focus.
// The observer callbacks only queue and the records are looked at in idle time under a budget
// (content/watch-insertions.ts); the pass itself runs in idle time with its own budget (field-tracker.ts).
// The open shadow roots each pass walks through are observed as well.
import { watchInsertions, type InsertionWatch } from '../content/watch-insertions';
import type { IdleScheduler } from '../content/idle-work';
import type { FieldTracker } from './field-tracker';

/** Most time one idle slice spends looking at queued mutation records. */
const IDLE_BUDGET_MS = 4;

export function refreshOnInsertions(deps: { document: Document; tracker: FieldTracker; schedule: IdleScheduler; now: () => number }): InsertionWatch {
  const { tracker } = deps;
  const watch = watchInsertions({
    document: deps.document,
    schedule: deps.schedule,
    now: deps.now,
    budgetMs: IDLE_BUDGET_MS,
    onChecked: (check) => {
      const lost = () => tracker.fields().some((field) => field.kind !== null && !field.element.isConnected);
      if (check.added || lost()) void tracker.refresh();
    },
  });
  tracker.onChange(() => {
    for (const root of tracker.shadowRoots()) watch.observe(root);
  });
  return watch;
}
