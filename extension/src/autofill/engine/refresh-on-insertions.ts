// The engine's answer to a page that changes after load: when the page has a candidate field the
// last detection pass did not see (a single-page app rendering its login form, an input whose type
// changed), or a field that pass detected has left the page, a new pass is asked for — so forms
// added after load are known without waiting for a focus. The observer callback does no work and
// the check runs in idle time (content/watch-insertions.ts): native selector queries over the
// document and the open shadow roots the last pass walked through, which are observed as well.
// The pass itself runs in idle time with its own budget (field-tracker.ts).
import { CANDIDATE_SELECTOR, watchInsertions, type InsertionWatch } from '../content/watch-insertions';
import type { IdleScheduler } from '../content/idle-work';
import type { FieldTracker } from './field-tracker';

export function refreshOnInsertions(deps: { document: Document; tracker: FieldTracker; schedule: IdleScheduler; now: () => number }): InsertionWatch {
  const { document, tracker } = deps;
  let known = new WeakSet<Element>();

  const watch = watchInsertions({
    document,
    schedule: deps.schedule,
    now: deps.now,
    check: () => {
      const roots = [document, ...tracker.shadowRoots()];
      const fresh = roots.some((root) => Array.from(root.querySelectorAll(CANDIDATE_SELECTOR)).some((field) => !known.has(field)));
      const lost = tracker.fields().some((field) => field.kind !== null && !field.element.isConnected);
      if (fresh || lost) void tracker.refresh();
    },
  });

  tracker.onChange((fields) => {
    known = new WeakSet(fields.map((field) => field.element).filter((element) => element.matches(CANDIDATE_SELECTOR)));
    for (const root of tracker.shadowRoots()) watch.observe(root);
  });
  return watch;
}
