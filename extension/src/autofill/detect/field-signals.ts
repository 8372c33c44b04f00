// Normalised text features of one field, read once per detection run: its type, autocomplete
// field name, name/id words, label, placeholder, title and nearby text. Predicates only ever look
// at these, never at the DOM, which keeps them pure and easy to test.
import { createLabelReader, nearbyText } from './read-labels';
import { normaliseText, splitIdentifier } from './normalise-text';
import { composedParent, findTag, inputType, isTextLike } from './walk-tree';
import type { FormControl } from './types';

export interface FieldSignals {
  control: FormControl;
  /** Place in document order (shadow trees included) among the fields of the detection run. */
  position: number;
  /** "text", "email", "password"… for inputs; "select" or "textarea" otherwise. */
  type: string;
  /** The autofill field name of the autocomplete attribute (HTML §4.10.18.7), or null. */
  autocomplete: string | null;
  /** name, id and framework binding attributes, split into words. */
  attributes: string;
  label: string;
  placeholder: string;
  title: string;
  /** Text next to the field, read only when it has no label. */
  nearby: string;
  inputMode: string;
  /** maxlength, or null when absent or invalid. */
  maxLength: number | null;
  /** src, alt, id, class and title of an image right beside the field (a CAPTCHA picture?). */
  image: string;
  /** Disabled, read-only, or hidden from assistive technology: never a fill target. */
  inert: boolean;
}

// HTML §4.10.18.7.1: the autofill field names. Anything else (e.g. "off", "nope", "chrome-off") is not
// a field name, and the attribute is then no evidence either way.
const AUTOFILL_FIELD_NAMES = new Set([
  'name',
  'honorific-prefix',
  'given-name',
  'additional-name',
  'family-name',
  'honorific-suffix',
  'nickname',
  'username',
  'new-password',
  'current-password',
  'one-time-code',
  'organization-title',
  'organization',
  'street-address',
  'address-line1',
  'address-line2',
  'address-line3',
  'address-level4',
  'address-level3',
  'address-level2',
  'address-level1',
  'country',
  'country-name',
  'postal-code',
  'cc-name',
  'cc-given-name',
  'cc-additional-name',
  'cc-family-name',
  'cc-number',
  'cc-exp',
  'cc-exp-month',
  'cc-exp-year',
  'cc-csc',
  'cc-type',
  'transaction-currency',
  'transaction-amount',
  'language',
  'bday',
  'bday-day',
  'bday-month',
  'bday-year',
  'sex',
  'url',
  'photo',
  'tel',
  'tel-country-code',
  'tel-national',
  'tel-area-code',
  'tel-local',
  'tel-local-prefix',
  'tel-local-suffix',
  'tel-extension',
  'email',
  'impp',
]);

/** The field name token of an autocomplete attribute: the last token, ignoring a trailing "webauthn". */
export function autofillFieldName(attribute: string | null): string | null {
  if (attribute === null) return null;
  const tokens = attribute.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.at(-1) === 'webauthn') tokens.pop();
  const fieldName = tokens.at(-1);
  return fieldName !== undefined && AUTOFILL_FIELD_NAMES.has(fieldName) ? fieldName : null;
}

const BINDING_ATTRIBUTES = ['name', 'id', 'formcontrolname', 'data-testid', 'data-test', 'data-qa'];

const PANEL_CONTENT = 'button, input[type="submit"], input[type="image"], form';

// aria-hidden (WAI-ARIA 1.2 §6.6) and `inert` (HTML §6.3) remove a subtree from what the user can
// reach: honeypots and parked copies of fields use them. These are attributes, not layout. A closed
// dropdown or dialog holding a whole form (its own button) is aria-hidden too until a script opens
// it by flipping the attribute: that is a form the user will fill, not a trap.
function hidesSubtree(element: Element): boolean {
  if (element.hasAttribute('inert')) return true;
  if (element.getAttribute('aria-hidden') !== 'true') return false;
  return element.localName === 'input' || element.querySelector(PANEL_CONTENT) === null;
}

/** "Is this element inside a hidden subtree?", memoised per run: fields of one form share ancestors. */
function createHiddenSubtreeTest(): (element: Element) => boolean {
  const memo = new Map<Element, boolean>();
  const test = (element: Element): boolean => {
    let hidden = memo.get(element);
    if (hidden === undefined) {
      const parent = composedParent(element);
      hidden = hidesSubtree(element) || (parent !== null && test(parent));
      memo.set(element, hidden);
    }
    return hidden;
  };
  return test;
}

const IMAGE_TAGS = new Set(['img', 'canvas']);

/** An image in the field's own container, or in the next cell (`<td><input></td><td><img></td>`). */
function imageBeside(control: FormControl): string {
  const parent = control.parentElement;
  const next = parent?.nextElementSibling ?? null;
  const image =
    (parent ? findTag(parent, IMAGE_TAGS, 32) : null) ??
    (next === null ? null : IMAGE_TAGS.has(next.localName) ? next : findTag(next, IMAGE_TAGS, 32));
  if (image === null) return '';
  return ['src', 'alt', 'id', 'class', 'title']
    .map((name) => splitIdentifier((image.getAttribute(name) ?? '').replace(/[?#].*$/, '')))
    .filter(Boolean)
    .join(' ');
}

function parseMaxLength(control: FormControl): number | null {
  const raw = control.getAttribute('maxlength');
  if (raw === null) return null;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

export interface ReadPlace {
  /** Bounds how far the nearby-text search may climb. */
  container: Element | null;
  /** Place of the field in document order. */
  position: number;
}

/** A reader of field signals for one detection run (it caches label lookups and hidden subtrees). */
export function createFieldReader() {
  const labels = createLabelReader();
  const inHiddenSubtree = createHiddenSubtreeTest();

  function read(control: FormControl, { container, position }: ReadPlace): FieldSignals {
    const textLike = isTextLike(control);
    const attributes = BINDING_ATTRIBUTES.map((name) => splitIdentifier(control.getAttribute(name) ?? ''))
      .filter(Boolean)
      .join(' ');
    // Checkbox captions count too ("Remember me", "I agree to the terms"): they tell what the form is for.
    const type = inputType(control);
    const labelled = textLike || type === 'checkbox';
    const label = labelled ? normaliseText(labels.labelText(control)) : '';
    return {
      control,
      position,
      type,
      autocomplete: autofillFieldName(control.getAttribute('autocomplete')),
      attributes,
      label,
      placeholder: normaliseText(control.getAttribute('placeholder') ?? ''),
      title: normaliseText(control.getAttribute('title') ?? ''),
      nearby: textLike && label === '' ? normaliseText(nearbyText(control, container)) : '',
      inputMode: (control.getAttribute('inputmode') ?? '').toLowerCase(),
      maxLength: parseMaxLength(control),
      image: textLike ? imageBeside(control) : '',
      inert: control.hasAttribute('disabled') || control.hasAttribute('readonly') || inHiddenSubtree(control),
    };
  }

  return { read };
}

export type FieldReader = ReturnType<typeof createFieldReader>;

/** All the texts of a field, for "does it mention X anywhere". */
export function fieldTexts(signals: FieldSignals): string[] {
  return [signals.attributes, signals.label, signals.placeholder, signals.title, signals.nearby];
}
