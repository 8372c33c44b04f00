// Walking the DOM the way the user sees the page: light DOM plus every open shadow root, in document
// order, never into iframes (each frame runs its own content script). Type checks use tag names, not
// instanceof, so the same code works in a page, a jsdom window and across realms.
import type { DetectRoot, FormControl } from './types';

const CONTROL_TAGS = new Set(['input', 'select', 'textarea']);
const CONTROL_SELECTOR = 'input, select, textarea';
const SHOW_ELEMENT = 1; // NodeFilter.SHOW_ELEMENT
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
// Types that take typed text; everything else (checkbox, submit, hidden, date…) is never a credential.
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'password', 'number', 'search', 'url']);

export function isControl(element: Element): element is FormControl {
  return CONTROL_TAGS.has(element.localName);
}

/** The input's type as the browser understands it: unknown or missing types are "text" (HTML §4.10.5). */
export function inputType(control: FormControl): string {
  if (control.localName !== 'input') return control.localName;
  const type = (control.getAttribute('type') ?? '').trim().toLowerCase();
  return type === '' || !KNOWN_TYPES.has(type) ? 'text' : type;
}

const KNOWN_TYPES = new Set([
  ...TEXT_TYPES,
  'hidden',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'button',
  'image',
  'file',
  'color',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
  'range',
]);

/** An `<input>` a person types into (text, email, password…). */
export function isTextLike(control: FormControl): control is HTMLInputElement {
  return control.localName === 'input' && TEXT_TYPES.has(inputType(control));
}

function isShadowRoot(node: Node | null): node is ShadowRoot {
  return node !== null && node.nodeType === 11 && 'host' in node;
}

/** Parent across shadow boundaries: a shadow root's parent is its host. */
export function composedParent(node: Node): Element | null {
  if (node.parentElement !== null) return node.parentElement;
  const parent = node.parentNode;
  return isShadowRoot(parent) ? parent.host : null;
}

/** The closest element (itself included) matching `test`, crossing shadow boundaries. */
export function composedClosest(start: Element, test: (element: Element) => boolean): Element | null {
  for (let node: Element | null = start; node !== null; node = composedParent(node)) {
    if (test(node)) return node;
  }
  return null;
}

/** The document or shadow root an element lives in (where its ids and `<label for>` resolve). */
export function treeRootOf(element: Element): Document | ShadowRoot | null {
  const root = element.getRootNode();
  if (root.nodeType === 9 || isShadowRoot(root)) return root as Document | ShadowRoot;
  return null;
}

/**
 * Visits every element under `root` in document order, descending into open shadow roots at their
 * host (shadow tree first, then the host's light children, which are what it slots).
 * A native TreeWalker rather than sibling pointers read from script: one call per element instead
 * of three, which is most of the first walk over a large page (each element reached from script
 * gets a wrapper the first time; the detect_ms budget). It is iterative, so deep pages are fine; the
 * recursion is only as deep as shadow roots nest.
 */
export function walkComposed(root: DetectRoot, visit: (element: Element) => void): void {
  const document = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  const walker = document.createTreeWalker(root, SHOW_ELEMENT);
  for (let node = root.nodeType === 1 ? root : walker.nextNode(); node !== null; node = walker.nextNode()) {
    const element = node as Element;
    visit(element);
    const shadow = element.shadowRoot;
    if (shadow !== null) walkComposed(shadow, visit);
  }
}

/**
 * First element under `root` (itself excluded, shadow trees not entered) whose tag is in `tags`.
 * A plain walk beats a selector engine on the small subtrees this is asked about; past `limit`
 * elements it hands over to querySelector.
 */
export function findTag(root: Element, tags: ReadonlySet<string>, limit = 128): Element | null {
  const stack: Element[] = [];
  for (let child = root.lastElementChild; child !== null; child = child.previousElementSibling) stack.push(child);
  for (let visited = 0; stack.length > 0; visited += 1) {
    if (visited >= limit) return root.querySelector([...tags].join(', '));
    const element = stack.pop()!;
    if (tags.has(element.localName)) return element;
    for (let child = element.lastElementChild; child !== null; child = child.previousElementSibling) stack.push(child);
  }
  return null;
}

export interface CollectedTree {
  /** Every input, select and textarea under the root, in document order (the CLI's `index`). */
  controls: FormControl[];
  /** The open shadow roots met on the way (content-script glue observes them for changes). */
  shadowRoots: ShadowRoot[];
}

/** Hosts of open shadow roots in `scope`'s own tree (not inside those shadow trees), in tree order. */
function shadowHostsIn(scope: DetectRoot): Element[] {
  const hosts: Element[] = [];
  const document = scope.nodeType === 9 ? (scope as Document) : scope.ownerDocument!;
  const walker = document.createTreeWalker(scope, SHOW_ELEMENT);
  for (let node = scope.nodeType === 1 ? scope : walker.nextNode(); node !== null; node = walker.nextNode()) {
    if ((node as Element).shadowRoot !== null) hosts.push(node as Element);
  }
  return hosts;
}

/**
 * The same order as walkComposed, found natively: each tree's controls come from one selector query,
 * and the walk only asks each element for its shadow root. Controls of a shadow tree go right after
 * its host, before the host's light children (which are what it slots).
 */
export function collectTree(root: DetectRoot): CollectedTree {
  const controls: FormControl[] = [];
  const shadowRoots: ShadowRoot[] = [];
  const collect = (scope: DetectRoot): void => {
    const own = Array.from(scope.querySelectorAll<FormControl>(CONTROL_SELECTOR));
    if (scope.nodeType === 1 && isControl(scope as Element)) own.unshift(scope as FormControl);
    let next = 0;
    for (const host of shadowHostsIn(scope)) {
      while (next < own.length && !(host.compareDocumentPosition(own[next]!) & FOLLOWING)) controls.push(own[next++]!);
      shadowRoots.push(host.shadowRoot!);
      collect(host.shadowRoot!);
    }
    while (next < own.length) controls.push(own[next++]!);
  };
  collect(root);
  return { controls, shadowRoots };
}
