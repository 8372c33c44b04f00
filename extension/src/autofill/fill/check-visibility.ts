// May this field be filled as far as what the user can see is concerned? (docs/architecture.md, "Autofill rules": never
// fill invisible fields — display/visibility, zero size, off-screen, opacity below 0.5 on the field
// or any ancestor, covered by another element at the fill point.) Checked right before each value is
// written, never earlier: the page can change the layout at any moment.
import { composedParent } from '../detect/walk-tree';

export type Visibility =
  { visible: true } | { visible: false; reason: 'detached' | 'not-editable' | 'hidden' | 'transparent' | 'too-small' | 'off-screen' | 'covered' };

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

function isElementOrItsLabel(hit: Element | null, element: Element): boolean {
  if (hit === null) return false;
  if (hit === element || element.contains(hit)) return true;
  // A floating label drawn over the input belongs to it (clicking it focuses the field).
  const label = hit.closest('label');
  return label !== null && (label as HTMLLabelElement).control === element;
}

/**
 * The rules for anything the user must see to be shown what they act on, with the point of the
 * element where that happens (viewport px of the element's own window): style along the ancestors,
 * size, on screen, and not covered there. For fields and for the frame elements that embed them.
 */
export function checkVisibleAt(element: Element, point: { x: number; y: number }, options: VisibilityOptions = {}): Visibility {
  const view = element.ownerDocument.defaultView;
  if (view === null || !element.isConnected) return { visible: false, reason: 'detached' };

  const byStyle = invisibleByStyle(element, view);
  if (byStyle !== null) return byStyle;

  const rect = element.getBoundingClientRect();
  if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return { visible: false, reason: 'too-small' };

  const { x, y } = point;
  if (x < 0 || y < 0 || x >= view.innerWidth || y >= view.innerHeight) return { visible: false, reason: 'off-screen' };

  // Hit-testing at the point: another element drawn over it means the user sees that element.
  // elementsFromPoint works per tree, so ask the element's own root.
  const root = element.getRootNode() as Document | ShadowRoot;
  if (!isElementOrItsLabel(topmostAt(root, x, y, options.ownHosts ?? new Set()), element)) return { visible: false, reason: 'covered' };
  return { visible: true };
}

/** The point of an element where a fill is judged: its centre. */
export function centreOf(element: Element): { x: number; y: number } {
  const rect = element.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

export function checkVisibility(field: Editable, options: VisibilityOptions = {}): Visibility {
  if (!field.isConnected) return { visible: false, reason: 'detached' };
  if (field.disabled || ('readOnly' in field && field.readOnly)) return { visible: false, reason: 'not-editable' };
  return checkVisibleAt(field, centreOf(field), options);
}

export type FrameChain = 'visible' | 'hidden' | 'unknown';

/** Whether the browser gives IntersectionObserver v2's visibility verdict (Chromium; not Firefox). */
export function hasVisibilityVerdict(view: Window & typeof globalThis): boolean {
  return 'IntersectionObserverEntry' in view && 'isVisible' in view.IntersectionObserverEntry.prototype;
}

/** The element embedding a frame; null across origins (the spec's answer; some engines throw). */
function frameElementOf(view: Window): Element | null {
  try {
    return view.frameElement;
  } catch {
    return null;
  }
}

/** A transform that only moves the element (a 2D translation, as centred modals use), or none. */
function onlyMoves(transform: string): boolean {
  if (transform === 'none' || transform === '') return true;
  // Browsers compute a matrix; a specified value (what jsdom reports) may still read as translations.
  if (/^(translate[XY]?\([^)]*\)\s*)+$/.test(transform.trim())) return true;
  const matrix = /^matrix\(([^)]*)\)$/.exec(transform);
  if (!matrix) return false;
  const [a, b, c, d] = matrix[1]!.split(',').map((n) => Number.parseFloat(n));
  return a === 1 && b === 0 && c === 0 && d === 1;
}

/**
 * Ways a page can hide or disguise a frame's content that the rules above do not measure: a filter
 * (`opacity()`, `brightness(0)`, `blur()` …), a mask, a blend mode, a clip path, or a transform that
 * does more than move it (a mirror, a skew, a tiny scale that keeps the layout box). IntersectionObserver v2 calls
 * all of these not visible; where the browser has no v2 (Firefox) the embedding chain must say so
 * itself, so a frame element or any of its ancestors with one of them does not vouch for the frame.
 */
function alteredByStyle(frame: Element, view: Window): boolean {
  for (let node: Element | null = frame; node !== null; node = composedParent(node)) {
    const style = view.getComputedStyle(node);
    const mask = style.getPropertyValue('mask-image') || style.getPropertyValue('-webkit-mask-image') || 'none';
    const blend = style.getPropertyValue('mix-blend-mode') || 'normal';
    const clip = style.getPropertyValue('clip-path') || 'none';
    const filter = style.getPropertyValue('filter') || 'none';
    if (filter !== 'none' || mask !== 'none' || blend !== 'normal' || clip !== 'none') return true;
    if (!onlyMoves(style.getPropertyValue('transform'))) return true;
    // The individual transform properties (CSS Transforms 2) are not part of `transform`.
    for (const property of ['scale', 'rotate']) if ((style.getPropertyValue(property) || 'none') !== 'none') return true;
  }
  return false;
}

/**
 * The embedding chain of an element's frame, as far as ancestors same-origin with it let us look (a
 * page can make a frame invisible from outside it; the frame's own styles cannot show that):
 * 'hidden' when a frame element on the way up fails the rules above at the element's point or is
 * altered by a filter, mask, blend mode, clip path or transform (alteredByStyle), 'visible' when
 * every level to the top passes, 'unknown' when a cross-origin ancestor stops the walk first.
 */
export function checkFrameChain(element: Element): FrameChain {
  let view = element.ownerDocument.defaultView;
  let point = centreOf(element);
  while (view !== null && view !== view.top) {
    const frame = frameElementOf(view);
    if (frame === null) return 'unknown';
    const parent = frame.ownerDocument.defaultView;
    if (parent === null) return 'hidden';
    // The field's point in the parent's viewport: the frame's content box starts inside its border
    // and padding.
    const box = frame.getBoundingClientRect();
    const style = parent.getComputedStyle(frame);
    point = {
      x: box.left + frame.clientLeft + (Number.parseFloat(style.paddingLeft) || 0) + point.x,
      y: box.top + frame.clientTop + (Number.parseFloat(style.paddingTop) || 0) + point.y,
    };
    // No own hosts at this level: a page could name an element of its own like ours.
    if (!checkVisibleAt(frame, point).visible || alteredByStyle(frame, parent)) return 'hidden';
    view = parent;
  }
  return 'visible';
}
