// The one function both the content script and the classify CLI call: every input, select and
// textarea of a document (open shadow roots included) with its index in document order and its kind.
// classifyPage adds what each `<form>` of the page was taken for, so forms can be scored too.
import { detectInTree } from './detect-fields';
import type { DetectOptions } from './detect-fields';
import { collectTree, composedClosest } from './walk-tree';
import type { ClassifiedField, DetectedField, DetectRoot, FormKind } from './types';

export interface ClassifiedForm {
  /** Position among the `<form>` elements under the root, in document order. */
  index: number;
  id: string;
  name: string;
  kind: FormKind;
}

export interface ClassifiedPage {
  fields: ClassifiedField[];
  forms: ClassifiedForm[];
}

const CREDENTIAL_FORMS: ReadonlySet<FormKind> = new Set(['login', 'signup', 'change-password', 'reset', '2fa']);

function classify(root: DetectRoot, options: DetectOptions): { fields: ClassifiedField[]; detected: DetectedField[] } {
  const tree = collectTree(root);
  const detected = detectInTree(tree, options);
  const kinds = new Map(detected.map((field) => [field.element, field.kind]));
  const fields = tree.controls.map((control, index) => ({
    index,
    id: control.id,
    name: control.getAttribute('name') ?? '',
    kind: kinds.get(control) ?? null,
  }));
  return { fields, detected };
}

export function classifyDocument(root: DetectRoot, options: DetectOptions = {}): ClassifiedField[] {
  return classify(root, options).fields;
}

/**
 * Fields and forms. A form split into sections (one page-wide ASP.NET form holding a search box and a
 * login) is taken for its first section that is about an account, else for its first section.
 */
export function classifyPage(root: DetectRoot, options: DetectOptions = {}): ClassifiedPage {
  const { fields, detected } = classify(root, options);
  const kindsByForm = new Map<Element, FormKind[]>();
  for (const field of detected) {
    const form = field.element.form ?? composedClosest(field.element, (element) => element.localName === 'form');
    if (form === null) continue;
    const kinds = kindsByForm.get(form) ?? [];
    kinds.push(field.form.kind);
    kindsByForm.set(form, kinds);
  }
  const forms = Array.from(root.querySelectorAll('form')).map((form, index) => {
    const kinds = kindsByForm.get(form) ?? [];
    return {
      index,
      id: form.id,
      name: form.getAttribute('name') ?? '',
      kind: kinds.find((kind) => CREDENTIAL_FORMS.has(kind)) ?? kinds[0] ?? 'other',
    };
  });
  return { fields, forms };
}
