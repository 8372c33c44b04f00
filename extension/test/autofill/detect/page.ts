// Small helpers for tests that build a page inline.
import { classifyDocument } from '../../../src/autofill/detect/classify-document';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { parseHtml } from '../../../src/autofill/detect/node/parse-html';
import type { FieldKind, FormKind } from '../../../src/autofill/detect/types';

export function page(body: string, title = ''): Document {
  return parseHtml(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`).document;
}

/** The kind of every input, select and textarea of the page, in document order. */
export function kindsOf(body: string, title = ''): (FieldKind | null)[] {
  return classifyDocument(page(body, title)).map((field) => field.kind);
}

/** The form kind of each field, in document order. */
export function formKindsOf(body: string, title = ''): FormKind[] {
  return detectFields(page(body, title)).map((field) => field.form.kind);
}
