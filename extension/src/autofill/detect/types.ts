// Shared types of the field detector: what kinds of fields and forms it recognises, and what it returns.
// The detector is pure: it reads a DOM tree handed to it and never touches layout, storage or messaging.

/** What a field is for. `email` is an email address used as the account's identifier. */
export type FieldKind = 'username' | 'email' | 'current-password' | 'new-password' | 'totp';

/** What a group of fields (a `<form>`, or a cluster of form-less inputs) is for. */
export type FormKind = 'login' | 'signup' | 'change-password' | 'reset' | '2fa' | 'search' | 'newsletter' | 'other';

/** The elements the detector looks at; `index` in results counts exactly these, in document order. */
export type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A group of fields classified together. One object per group: compare by identity. */
export interface FormContext {
  kind: FormKind;
  /** The `<form>`, or the element that contains a cluster of form-less fields. */
  element: Element | null;
}

export interface DetectedField {
  element: FormControl;
  kind: FieldKind | null;
  form: FormContext;
}

/** One line of the classify CLI, and what the content script keys its fill plan on. */
export interface ClassifiedField {
  index: number;
  id: string;
  name: string;
  kind: FieldKind | null;
}

/** Anything the detector can start from: a document, an open shadow root, or a subtree. */
export type DetectRoot = Document | ShadowRoot | Element;
