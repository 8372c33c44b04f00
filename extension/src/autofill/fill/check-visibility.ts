// May this field be filled as far as what the user can see is concerned? (ARCHITECTURE.md: never
// fill invisible fields — display/visibility, zero size, off-screen, opacity below 0.5 on the field
// or any ancestor, covered by another element at the fill point.) Checked right before each value is
// written, never earlier: the page can change the layout at any moment.
import { composedParent } from '../detect/walk-tree';

export type Visibility =
  | { visible: true }
  | { visible: false; reason: 'detached' | 'not-editable' | 'hidden' | 'transparent' | 'too-small' | 'off-screen' | 'covered' };

/** Below this the field (or what holds it) is see-through enough to be a trap. */
export const MIN_OPACITY = 0.5;
/** Real inputs are at least this big; 1×1 px "fields" exist only to catch autofill. */
export const MIN_SIZE_PX = 8;

export type VisibilityOptions = {
  /** Our own in-page UI, which may lie over the field and must not count as covering it. */
  ownHosts?: ReadonlySet<Element>;
};

type Editable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function invisibleByStyle(field: Element, view: Window): Visibility | null {
  let opacity = 1;
  for (let node: Element | null = field; node !== null; node = composedParent(node)) {
    const style = view.getComputedStyle(node);
    if (style.display === 'none' || style.contentVisibility === 'hidden') return { visible: false, reason: 'hidden' };
    opacity *= Number.parseFloat(style.opacity || '1');
    if (opacity < MIN_OPACITY) return { visible: false, reason: 'transparent' };
  }
  // visibility is inherited, so the field's own computed value already reflects every ancestor.
  const visibility = view.getComputedStyle(field).visibility;
  if (visibility !== 'visible') return { visible: false, reason: 'hidden' };
  return null;
}

/** The topmost element at a point, looking through our own UI and into open shadow roots. */
function topmostAt(root: Document | ShadowRoot, x: number, y: number, ownHosts: ReadonlySet<Element>): Element | null {
  for (const element of root.elementsFromPoint(x, y)) {
    if (!ownHosts.has(element)) return element;
  }
  return null;
}

function isFieldOrItsLabel(hit: Element | null, field: Editable): boolean {
  if (hit === null) return false;
  if (hit === field || field.contains(hit)) return true;
  // A floating label drawn over the input belongs to it (clicking it focuses the field).
  const label = hit.closest('label');
  return label !== null && (label as HTMLLabelElement).control === field;
}

export function checkVisibility(field: Editable, options: VisibilityOptions = {}): Visibility {
  const ownHosts = options.ownHosts ?? new Set<Element>();
  if (!field.isConnected) return { visible: false, reason: 'detached' };
  if (field.disabled || ('readOnly' in field && field.readOnly)) return { visible: false, reason: 'not-editable' };
  const view = field.ownerDocument.defaultView;
  if (view === null) return { visible: false, reason: 'detached' };

  const byStyle = invisibleByStyle(field, view);
  if (byStyle !== null) return byStyle;

  const rect = field.getBoundingClientRect();
  if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return { visible: false, reason: 'too-small' };

  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  if (x < 0 || y < 0 || x >= view.innerWidth || y >= view.innerHeight) return { visible: false, reason: 'off-screen' };

  // Hit-testing at the fill point: another element drawn over the field means the user sees that
  // element, not the field. elementsFromPoint works per tree, so ask the field's own root.
  const root = field.getRootNode() as Document | ShadowRoot;
  if (!isFieldOrItsLabel(topmostAt(root, x, y, ownHosts), field)) return { visible: false, reason: 'covered' };
  return { visible: true };
}
