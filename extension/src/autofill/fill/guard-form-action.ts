// Where a form sends what is typed into it. Before a fill, a destination on another origin is shown
// in the menu and must be confirmed; at the write, each field must still be in the form, sending to
// the destination, that it had when the fill was planned (fill-controller.ts). After a fill, each
// filled value is pinned to that destination: if the page rewrites the form's action (or a
// button's formaction) to another origin, moves a filled field into a form that sends elsewhere, or
// copies a filled password into one, and submits, the submission is stopped — or, for
// form.submit(), which fires no submit event, the filled values are taken out of the form data set
// in the `formdata` event (HTML §4.10.21.4 "constructing the entry list") — what we filled is
// cleared, and the user is told.
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

/** Where a field's values go: its form (its form owner) and that form's destination. */
export type FieldDestination = { form: HTMLFormElement | null; origin: string | null };

export function destinationOf(field: FormControl): FieldDestination {
  const form = formOf(field);
  return { form, origin: form === null ? (field.ownerDocument.defaultView?.origin ?? null) : destinationOrigin(form) };
}

/** The field still sends where it did when it was planned: same form, same destination. */
export function sendsAsBefore(field: FormControl, before: FieldDestination): boolean {
  const now = destinationOf(field);
  return now.form === before.form && now.origin === before.origin;
}

/** One value we wrote: the field, the value, where its form sent at that moment, and whether it is a secret. */
type Pin = { field: FormControl; value: string; origin: string | null; secret: boolean };

export type FilledValue = { field: FormControl; value: string; secret: boolean };

export type FormActionGuard = { pin(filled: readonly FilledValue[]): void; stop(): void };

/** The values a form would send: its controls, wherever the page moved them (form owner, `form=`). */
function valuesIn(form: HTMLFormElement): Set<string> {
  const values = new Set<string>();
  for (const element of Array.from(form.elements)) {
    const value = (element as HTMLInputElement).value;
    if (typeof value === 'string' && value !== '') values.add(value);
  }
  return values;
}

export function createFormActionGuard(options: { document: Document; onBlocked: (host: string) => void }): FormActionGuard {
  const view = options.document.defaultView!;
  // Each fill is one group: a submission that would carry any of it elsewhere clears all of it.
  let fills: Pin[][] = [];
  let submitting: { form: HTMLFormElement; origin: string | null } | null = null;

  /**
   * The fills a submission of `form` to `origin` would carry to where they were not going when we
   * wrote them: a filled field now owned by the form (the page moved it there, or rewrote the
   * form's destination), or — for a secret — its value copied into any of the form's controls.
   */
  function carriedAway(form: HTMLFormElement, origin: string | null): Pin[][] {
    if (origin === null) return [];
    fills = fills.filter((group) => group.some((pin) => pin.field.isConnected || pin.secret));
    const values = valuesIn(form);
    return fills.filter((group) =>
      group.some(
        (pin) => pin.origin !== origin && ((formOf(pin.field) === form && pin.field.value === pin.value) || (pin.secret && values.has(pin.value))),
      ),
    );
  }

  function clear(groups: Pin[][], form: HTMLFormElement): Set<string> {
    const secrets = new Set<string>();
    for (const group of groups) {
      for (const pin of group) {
        if (pin.field.value === pin.value) pin.field.value = '';
        secrets.add(pin.value);
      }
    }
    // Copies the page made of what we filled, in this form.
    for (const element of Array.from(form.elements)) {
      const control = element as HTMLInputElement;
      if (typeof control.value === 'string' && secrets.has(control.value)) control.value = '';
    }
    return secrets;
  }

  function onSubmit(event: SubmitEvent): void {
    const form = event.target as HTMLFormElement;
    const origin = destinationOrigin(form, event.submitter);
    // The entry list built right after this event (formdata) goes where the submitter sends it.
    submitting = { form, origin };
    setTimeout(() => (submitting = null));
    const groups = carriedAway(form, origin);
    if (groups.length === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    clear(groups, form);
    options.onBlocked(new URL(origin!).host);
  }

  function onFormData(event: FormDataEvent): void {
    const form = event.target as HTMLFormElement;
    const origin = submitting?.form === form ? submitting.origin : destinationOrigin(form);
    const groups = carriedAway(form, origin);
    if (groups.length === 0) return;
    // The entry list was read before this event: take our values (and the page's copies) out of it,
    // by the names of the form's controls. (Not by iterating the FormData: Firefox hands a content
    // script its entries through an Xray that did not iterate, and the password went out.)
    const names = new Set(Array.from(form.elements, (element) => (element as HTMLInputElement).name).filter(Boolean));
    const secrets = clear(groups, form);
    const data = event.formData;
    for (const name of names) {
      const values = data.getAll(name);
      if (!values.some((value) => typeof value === 'string' && secrets.has(value))) continue;
      data.delete(name);
      for (const value of values) data.append(name, typeof value === 'string' && secrets.has(value) ? '' : value);
    }
    options.onBlocked(new URL(origin!).host);
  }

  view.addEventListener('submit', onSubmit, true);
  view.addEventListener('formdata', onFormData, true);
  return {
    pin(filled) {
      if (filled.length === 0) return;
      fills.push(filled.map(({ field, value, secret }) => ({ field, value, secret, origin: destinationOf(field).origin })));
    },
    stop() {
      view.removeEventListener('submit', onSubmit, true);
      view.removeEventListener('formdata', onFormData, true);
    },
  };
}
