// Normalised text features of a group of fields (a form, or a cluster of form-less inputs): the
// buttons that would submit it, the headings above it, its links, its checkbox captions and its
// markup (action URL, id, class). Bounded: huge containers cost no more than small ones.
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

const BUTTON_SELECTOR =
  'button, input[type="submit"], input[type="button"], input[type="image"], [role="button"], [type="submit"]';
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, legend, [role="heading"]';
const MAX_ITEMS = 12;
const MAX_OUTER_LEVELS = 4;
const MAX_OUTER_SIBLINGS = 3;

/** The label of a button: its text, or its value, aria-label, title or alt. */
export function buttonLabel(button: Element): string {
  const text =
    button.localName === 'input'
      ? (button.getAttribute('value') ?? button.getAttribute('alt') ?? '')
      : visibleText(button, 80);
  return normaliseText(text || button.getAttribute('aria-label') || button.getAttribute('title') || '');
}

/** A button that could end the form: it has a label, and it does not just show, hide or clear a field. */
export function isActionButton(button: Element): boolean {
  if (button.localName === 'button' && (button.getAttribute('type') ?? '').toLowerCase() === 'reset') return false;
  const label = buttonLabel(button);
  return label !== '' && !mentions(label, 'toggle');
}

function firstTexts(elements: Iterable<Element>, read: (element: Element) => string): string[] {
  const texts: string[] = [];
  for (const element of elements) {
    const text = read(element);
    if (text !== '') texts.push(text);
    if (texts.length >= MAX_ITEMS) break;
  }
  return texts;
}

/** The closest heading above the container, looking at earlier siblings of it and of a few ancestors. */
function headingBefore(container: Element): string {
  let node: Element | null = container;
  for (let level = 0; level < MAX_OUTER_LEVELS && node !== null; level += 1) {
    let steps = 0;
    for (let sibling = node.previousElementSibling; sibling !== null && steps < MAX_OUTER_SIBLINGS; sibling = sibling.previousElementSibling) {
      steps += 1;
      if (sibling.matches(HEADING_SELECTOR)) return normaliseText(visibleText(sibling, 120));
      const inner = sibling.querySelectorAll(HEADING_SELECTOR);
      const last = inner[inner.length - 1];
      if (last !== undefined) return normaliseText(visibleText(last, 120));
    }
    node = composedParent(node);
    if (node !== null && (node.localName === 'body' || node.localName === 'html')) return '';
  }
  return '';
}

/** Paragraphs inside the container, then the ones right before it (or before its parent). */
function paragraphsOf(container: Element): string[] {
  const inside = firstTexts(container.querySelectorAll('p'), (element) => normaliseText(visibleText(element, 160)));
  const before: string[] = [];
  for (let node: Element | null = container, level = 0; node !== null && level < 2; node = node.parentElement, level += 1) {
    let steps = 0;
    for (let sibling = node.previousElementSibling; sibling !== null && steps < MAX_OUTER_SIBLINGS; sibling = sibling.previousElementSibling) {
      steps += 1;
      if (sibling.localName === 'p') before.push(normaliseText(visibleText(sibling, 160)));
    }
  }
  return [...inside, ...before].filter(Boolean).slice(0, MAX_ITEMS);
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
  const headings = firstTexts(container.querySelectorAll(HEADING_SELECTOR), (element) =>
    normaliseText(visibleText(element, 120)),
  );
  const outer = headingBefore(container);
  if (outer !== '') headings.push(outer);
  const ariaLabel = container.getAttribute('aria-label');
  if (ariaLabel !== null) headings.push(normaliseText(ariaLabel));
  return {
    buttons: firstTexts(Array.from(container.querySelectorAll(BUTTON_SELECTOR)).filter(isActionButton), buttonLabel),
    headings,
    links: firstTexts(container.querySelectorAll('a'), (element) => normaliseText(visibleText(element, 80))),
    paragraphs: paragraphsOf(container),
    markup: markupOf(container),
    searchRole: container.closest('[role="search"], search') !== null,
    title: normaliseText(container.ownerDocument.title),
  };
}
