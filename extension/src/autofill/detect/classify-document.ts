// The one function both the content script and the classify CLI call: every input, select and
// textarea of a document (open shadow roots included) with its index in document order and its kind.
import { detectInTree } from './detect-fields';
import type { DetectOptions } from './detect-fields';
import { collectTree } from './walk-tree';
import type { ClassifiedField, DetectRoot } from './types';

export function classifyDocument(root: DetectRoot, options: DetectOptions = {}): ClassifiedField[] {
  const tree = collectTree(root);
  const kinds = new Map(detectInTree(tree, options).map((field) => [field.element, field.kind]));
  return tree.controls.map((control, index) => ({
    index,
    id: control.id,
    name: control.getAttribute('name') ?? '',
    kind: kinds.get(control) ?? null,
  }));
}
