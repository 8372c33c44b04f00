// Entry point of detection: classify every field under a root (document, open shadow root or
// subtree), group by group, under an optional time budget. Pure with respect to the page: it reads
// attributes and text only, never layout, and never descends into iframes.
import { classifyFields } from './classify-field';
import { classifyForm, EMPTY_FORM_SIGNALS } from './classify-form';
import type { GroupFacts } from './classify-form';
import { createFieldReader } from './field-signals';
import { readFormSignals } from './form-signals';
import { groupControls } from './group-fields';
import { collectTree, isTextLike } from './walk-tree';
import type { CollectedTree } from './walk-tree';
import type { DetectedField, DetectRoot, FormContext } from './types';

export interface DetectOptions {
  /**
   * Stop after this many milliseconds: groups not reached by then are left out of the result, so a
   * caller can try again later (e.g. in the next idle period). Default: no limit.
   */
  budgetMs?: number;
  /** Clock, for tests. Default: performance.now. */
  now?: () => number;
}

/** Detection over an already collected tree (classifyDocument shares the walk that counts indexes). */
export function detectInTree(tree: CollectedTree, options: DetectOptions = {}): DetectedField[] {
  const now = options.now ?? (() => performance.now());
  const budgetMs = options.budgetMs ?? Number.POSITIVE_INFINITY;
  const started = now();
  const results: DetectedField[] = [];
  if (!tree.controls.some(isTextLike)) {
    const none: FormContext = { kind: 'other', element: null };
    return tree.controls.map((element) => ({ element, kind: null, form: none }));
  }
  const reader = createFieldReader();
  const order = new Map(tree.controls.map((control, index) => [control, index]));
  for (const group of groupControls(tree.controls)) {
    const facts: GroupFacts = {
      fields: group.controls.map((control) => reader.read(control, { container: group.element, position: order.get(control) ?? 0 })),
      form: group.element === null ? EMPTY_FORM_SIGNALS : readFormSignals(group.element),
    };
    const form: FormContext = { kind: classifyForm(facts), element: group.element };
    const kinds = classifyFields(facts.fields, form.kind);
    group.controls.forEach((element, i) => results.push({ element, kind: kinds[i] ?? null, form }));
    if (now() - started > budgetMs) break;
  }
  return results.sort((a, b) => (order.get(a.element) ?? 0) - (order.get(b.element) ?? 0));
}

/** Classifies every input, select and textarea under `root`, in document order. */
export function detectFields(root: DetectRoot, options: DetectOptions = {}): DetectedField[] {
  return detectInTree(collectTree(root), options);
}
