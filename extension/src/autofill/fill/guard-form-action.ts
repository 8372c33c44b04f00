// Where a form sends what is typed into it. Before a fill, a destination on another origin is shown
// in the menu and must be confirmed. After a fill, the destination is pinned: if the page rewrites
// the form's action (or a button's formaction) to another origin and submits, the submission is
// stopped — or, for form.submit(), which fires no submit event, the filled values are taken out of
// the form data set in the `formdata` event (HTML §4.10.21.4 "constructing the entry list") —
// and the user is told.
import type { FormControl } from '../detect/types';

/** The origin a form (or its submitter) sends to; null for javascript: actions, which send nothing. */
export function destinationOrigin(form: HTMLFormElement, submitter?: Element | null): string | null {
  // From the attributes, resolved as the browser does (an empty or missing action is the document).
  const action = (submitter?.getAttribute('formaction') ?? form.getAttribute('action') ?? '').trim();
  try {
    const url = new URL(action || form.ownerDocument.URL, form.ownerDocument.baseURI);
    return url.protocol === 'javascript:' ? null : url.origin;
  } catch {
    return null;
  }
}

function formOf(field: FormControl): HTMLFormElement | null {
  return field.form ?? (field.closest('form') as HTMLFormElement | null);
}

/** The host a field's form sends to when that is not the page's own origin, else null. */
export function foreignDestinationHost(field: FormControl): string | null {
  const form = formOf(field);
  if (form === null) return null;
  const own = form.ownerDocument.defaultView?.origin ?? '';
  const candidates = [destinationOrigin(form), ...Array.from(form.querySelectorAll('[formaction]'), (b) => destinationOrigin(form, b))];
  const foreign = candidates.find((origin) => origin !== null && origin !== own);
  return foreign ? new URL(foreign).host : null;
}

type Pinned = { origin: string | null; filled: [FormControl, string][] };

export type FormActionGuard = { pin(field: FormControl, filled: [FormControl, string][]): void; stop(): void };

export function createFormActionGuard(options: { document: Document; onBlocked: (host: string) => void }): FormActionGuard {
  const view = options.document.defaultView!;
  const pinned = new WeakMap<HTMLFormElement, Pinned>();

  function clearFields(pin: Pinned): string[] {
    const values: string[] = [];
    for (const [field, value] of pin.filled) {
      values.push(value);
      if (field.value === value) field.value = '';
    }
    return values;
  }

  function moved(form: HTMLFormElement, submitter: Element | null): string | null {
    const pin = pinned.get(form);
    if (pin === undefined) return null;
    const now = destinationOrigin(form, submitter);
    return now !== null && now !== pin.origin ? new URL(now).host : null;
  }

  function onSubmit(event: SubmitEvent): void {
    const form = event.target as HTMLFormElement;
    const host = moved(form, event.submitter);
    if (host === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    clearFields(pinned.get(form)!);
    options.onBlocked(host);
  }

  function onFormData(event: FormDataEvent): void {
    const form = event.target as HTMLFormElement;
    const host = moved(form, null);
    if (host === null) return;
    const secrets = new Set(clearFields(pinned.get(form)!));
    for (const [name, value] of Array.from(event.formData.entries())) {
      if (typeof value === 'string' && secrets.has(value)) event.formData.set(name, '');
    }
    options.onBlocked(host);
  }

  view.addEventListener('submit', onSubmit, true);
  view.addEventListener('formdata', onFormData, true);
  return {
    pin(field, filled) {
      const form = formOf(field);
      if (form !== null) pinned.set(form, { origin: destinationOrigin(form), filled });
    },
    stop() {
      view.removeEventListener('submit', onSubmit, true);
      view.removeEventListener('formdata', onFormData, true);
    },
  };
}
