// Normalised text features of a group of fields (a form, or a cluster of form-less inputs): the
// buttons that would submit it, the headings in and above it, its links and paragraphs, and its
// markup (action URL, id, class). Bounded: one walk of at most SCAN_LIMIT elements, so a cluster
// that spans a whole page costs no more than a form.
import { mentions } from './match-keywords';
import { normaliseText, splitIdentifier } from './normalise-text';
import { visibleText } from './read-labels';
import { composedParent } from './walk-tree';

export interface FormSignals {
  buttons: string[];
  headings: string[];
  links: string[];
  /** Short paragraphs in and just above the container ("We sent a code to…"). */
  paragraphs: string[];
  /** action URL path, id, name and class of the form or container, split into words. */
  markup: string;
  /** `role="search"` on the container or an ancestor. */
  searchRole: boolean;
  /** The document's title: a weak hint for single-purpose pages ("Sign in – Example"). */
  title: string;
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend']);
const BUTTON_INPUT_TYPES = new Set(['submit', 'button', 'image']);
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'select']);
const MAX_ITEMS = 12;
const SCAN_LIMIT = 600;
const MAX_OUTER_LEVELS = 4;
const MAX_OUTER_SIBLINGS = 3;

/** The label of a button: its text, or its value, aria-label, title or alt. */
export function buttonLabel(button: Element): string {
  const text = button.localName === 'input' ? (button.getAttribute('value') ?? button.getAttribute('alt') ?? '') : visibleText(button, 80);
  return normaliseText(text || button.getAttribute('aria-label') || button.getAttribute('title') || '');
}

/** A button that could end the form: it has a label, and it does not just show, hide or clear a field. */
export function isActionButton(button: Element): boolean {
  if (button.localName === 'button' && (button.getAttribute('type') ?? '').toLowerCase() === 'reset') return false;
  const label = buttonLabel(button);
  return label !== '' && !mentions(label, 'toggle');
}

export function isButtonLike(element: Element): boolean {
  const tag = element.localName;
  if (tag === 'button') return true;
  if (tag === 'input') return BUTTON_INPUT_TYPES.has((element.getAttribute('type') ?? '').toLowerCase());
  return element.getAttribute('role') === 'button';
}

function isHeading(element: Element): boolean {
  return HEADING_TAGS.has(element.localName) || element.getAttribute('role') === 'heading';
}

interface Scanned {
  buttons: Element[];
  headings: Element[];
  links: Element[];
  paragraphs: Element[];
}

/** One walk of the container (light DOM), collecting the first few of each kind of element. */
function scan(container: Element): Scanned {
  const found: Scanned = { buttons: [], headings: [], links: [], paragraphs: [] };
  const add = (list: Element[], element: Element): void => {
    if (list.length < MAX_ITEMS) list.push(element);
  };
  const stack: Element[] = [];
  const pushChildren = (parent: Element): void => {
    for (let child = parent.lastElementChild; child !== null; child = child.previousElementSibling) stack.push(child);
  };
  pushChildren(container);
  for (let visited = 0; stack.length > 0 && visited < SCAN_LIMIT; visited += 1) {
    const element = stack.pop()!;
    const tag = element.localName;
    if (SKIPPED_TAGS.has(tag)) continue;
    if (isButtonLike(element)) {
      add(found.buttons, element);
      continue;
    }
    if (isHeading(element)) add(found.headings, element);
    else if (tag === 'a') add(found.links, element);
    else if (tag === 'p') add(found.paragraphs, element);
    pushChildren(element);
  }
  return found;
}

const textsOf = (elements: Element[], read: (element: Element) => string): string[] => elements.map(read).filter((text) => text !== '');

const plainText = (maxLength: number) => (element: Element) => normaliseText(visibleText(element, maxLength));

/** The last heading in `element` or at it, found with a short walk. */
function lastHeadingIn(element: Element): Element | null {
  if (isHeading(element)) return element;
  const { headings } = scan(element);
  return headings.at(-1) ?? null;
}

/** The closest heading above the container, looking at earlier siblings of it and of a few ancestors. */
function headingBefore(container: Element): string {
  let node: Element | null = container;
  for (let level = 0; level < MAX_OUTER_LEVELS && node !== null; level += 1) {
    let steps = 0;
    for (let sibling = node.previousElementSibling; sibling !== null && steps < MAX_OUTER_SIBLINGS; sibling = sibling.previousElementSibling) {
      steps += 1;
      const heading = lastHeadingIn(sibling);
      if (heading !== null) return normaliseText(visibleText(heading, 120));
    }
    node = composedParent(node);
    if (node !== null && (node.localName === 'body' || node.localName === 'html')) return '';
  }
  return '';
}

/** Paragraphs right before the container (or before its parent): "Enter the code we sent you". */
function paragraphsBefore(container: Element): Element[] {
  const before: Element[] = [];
  for (let node: Element | null = container, level = 0; node !== null && level < 2; node = node.parentElement, level += 1) {
    let steps = 0;
    for (let sibling = node.previousElementSibling; sibling !== null && steps < MAX_OUTER_SIBLINGS; sibling = sibling.previousElementSibling) {
      steps += 1;
      if (sibling.localName === 'p') before.push(sibling);
    }
  }
  return before;
}

function markupOf(container: Element): string {
  const action = container.localName === 'form' ? (container.getAttribute('action') ?? '') : '';
  // Only the path of the action URL: a host name says nothing about the form and could say anything.
  const actionPath = action.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  return [actionPath, container.id, container.getAttribute('name') ?? '', container.getAttribute('class') ?? '']
    .map(splitIdentifier)
    .filter(Boolean)
    .join(' ');
}

export function readFormSignals(container: Element): FormSignals {
  const found = scan(container);
  const headings = textsOf(found.headings, plainText(120));
  const outer = headingBefore(container);
  if (outer !== '') headings.push(outer);
  const ariaLabel = container.getAttribute('aria-label');
  if (ariaLabel !== null) headings.push(normaliseText(ariaLabel));
  return {
    buttons: textsOf(found.buttons.filter(isActionButton), buttonLabel),
    headings,
    links: textsOf(found.links, plainText(80)),
    paragraphs: textsOf([...found.paragraphs, ...paragraphsBefore(container)], plainText(160)).slice(0, MAX_ITEMS),
    markup: markupOf(container),
    searchRole: container.closest('[role="search"], search') !== null,
    title: normaliseText(container.ownerDocument.title),
  };
}
