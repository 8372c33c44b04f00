// The text a person reads for a field: its `<label>` (by `for` or by wrapping), aria-labelledby,
// aria-label, and failing those the nearest text before it in its container. Only attributes and
// text nodes are read — nothing about layout (where things are drawn is a fill-time concern).
import { squeezeText } from './normalise-text';
import { composedParent, findTag, isControl, treeRootOf } from './walk-tree';
import type { FormControl } from './types';

const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'select', 'option']);
const BUTTON_INPUTS = new Set(['submit', 'button', 'reset']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const AFTER_FIELD_TOOLS = new Set(['button', 'a']);
const MAX_NEARBY_LEVELS = 3;
const MAX_SIBLINGS_PER_LEVEL = 4;

/** Rendered-ish text of a subtree: text nodes only, skipping scripts, styles and option lists. */
export function visibleText(node: Node, maxLength = 200): string {
  if (node.nodeType === 3) return squeezeText(node.nodeValue ?? '', maxLength);
  if (node.nodeType !== 1 || SKIPPED_TAGS.has((node as Element).localName)) return '';
  const parts: string[] = [];
  let length = 0;
  const walk = (current: Node): void => {
    for (let child = current.firstChild; child !== null && length < maxLength; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        parts.push(value);
        length += value.length;
      } else if (child.nodeType === 1 && !SKIPPED_TAGS.has((child as Element).localName)) {
        const element = child as Element;
        // A button input shows its value (HTML §4.10.5.1.18); what was typed into a field is not a caption.
        if (element.localName === 'input') {
          if (BUTTON_INPUTS.has((element.getAttribute('type') ?? '').toLowerCase())) parts.push(' ', element.getAttribute('value') ?? '', ' ');
        } else walk(element);
        parts.push(' ');
      }
    }
  };
  walk(node);
  return squeezeText(parts.join(''), maxLength);
}

const CONTROL_TAGS = new Set(['input', 'select', 'textarea']);

function containsControl(element: Element): boolean {
  return isControl(element) || findTag(element, CONTROL_TAGS) !== null;
}

function wrappingLabel(control: FormControl): Element | null {
  for (let node = control.parentElement; node !== null; node = node.parentElement) {
    if (node.localName === 'label') return node;
  }
  return null;
}

export function createLabelReader() {
  // One `<label for>` index per document or shadow root, built once per detection run.
  const forIndex = new Map<Node, Map<string, Element[]>>();

  function labelsFor(control: FormControl): Element[] {
    const id = control.id;
    const root = treeRootOf(control);
    if (id === '' || root === null) return [];
    let index = forIndex.get(root);
    if (index === undefined) {
      index = new Map();
      for (const label of Array.from(root.querySelectorAll('label[for]'))) {
        const target = label.getAttribute('for') ?? '';
        const list = index.get(target) ?? [];
        list.push(label);
        index.set(target, list);
      }
      forIndex.set(root, index);
    }
    return index.get(id) ?? [];
  }

  function labelledByText(control: FormControl): string {
    const ids = (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    const root = treeRootOf(control);
    if (ids.length === 0 || root === null) return '';
    return ids
      .map((id) => root.getElementById(id))
      .filter((element): element is HTMLElement => element !== null)
      .map((element) => visibleText(element))
      .join(' ');
  }

  /** `<label for>`, wrapping `<label>`, aria-labelledby and aria-label, joined. */
  function labelText(control: FormControl): string {
    const parts = labelsFor(control).map((label) => visibleText(label));
    const wrapping = wrappingLabel(control);
    if (wrapping !== null && !parts.includes(visibleText(wrapping))) parts.push(visibleText(wrapping));
    parts.push(labelledByText(control), control.getAttribute('aria-label') ?? '');
    return squeezeText(parts.join(' '));
  }

  return { labelText };
}

export type LabelReader = ReturnType<typeof createLabelReader>;

function textOfSibling(sibling: Node): { text: string; stop: boolean } {
  if (sibling.nodeType === 3) return { text: squeezeText(sibling.nodeValue ?? ''), stop: false };
  if (sibling.nodeType !== 1) return { text: '', stop: false };
  const element = sibling as Element;
  if (SKIPPED_TAGS.has(element.localName)) return { text: '', stop: false };
  // Another field, or a heading, marks the edge of this field's own caption.
  if (HEADING_TAGS.has(element.localName) || containsControl(element)) return { text: '', stop: true };
  return { text: visibleText(element, 100), stop: false };
}

/**
 * The closest text before the field inside its container (e.g. `<div><span>E-mail</span><div><input>`),
 * or, failing that, right after it among its own siblings (floating labels). Stops at other fields,
 * at headings and at `boundary`.
 */
export function nearbyText(control: FormControl, boundary: Element | null): string {
  let node: Node = control;
  for (let level = 0; level < MAX_NEARBY_LEVELS; level += 1) {
    let steps = 0;
    for (let sibling = node.previousSibling; sibling !== null && steps < MAX_SIBLINGS_PER_LEVEL; sibling = sibling.previousSibling) {
      const { text, stop } = textOfSibling(sibling);
      if (text !== '') return text;
      if (stop) return '';
      if (sibling.nodeType === 1) steps += 1;
    }
    if (level === 0) {
      for (let sibling = node.nextSibling; sibling !== null; sibling = sibling.nextSibling) {
        // Buttons and links after a field are its tools ("Show", "Forgot password?"), not its caption.
        if (sibling.nodeType === 1 && AFTER_FIELD_TOOLS.has((sibling as Element).localName)) continue;
        const { text, stop } = textOfSibling(sibling);
        if (text !== '') return text;
        if (stop) break;
      }
    }
    const parent = composedParent(node);
    if (parent === null || parent === boundary) return '';
    node = parent;
  }
  return '';
}
