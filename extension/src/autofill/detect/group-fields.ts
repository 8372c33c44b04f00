// Splits the fields of a page into the groups that are classified together: a `<form>` (split
// further when it holds several independently submitted sections, as whole-page ASP.NET forms do),
// or, for inputs outside any form, the smallest container that holds another field or a button.
import { isActionButton, isButtonLike } from './form-signals';
import { composedClosest, composedParent, inputType, isTextLike } from './walk-tree';
import type { FormControl } from './types';

export interface FieldGroup {
  /** The form, or the container of a form-less cluster; null when the field has no parent at all. */
  element: Element | null;
  controls: FormControl[];
}

const isForm = (element: Element): boolean => element.localName === 'form';

function owningForm(control: FormControl): Element | null {
  // `form` follows the form="" attribute (HTML §4.10.17.3); inputs slotted or nested in a shadow tree
  // inside a form are not associated with it, but belong to it for the person filling it.
  return control.form ?? composedClosest(control, isForm);
}

/** Submit buttons of a form: button without type or type=submit, input submit/image (HTML §4.10.6). */
function submitButtons(form: Element): Element[] {
  return Array.from(form.querySelectorAll('button, input[type="submit"], input[type="image"]')).filter((button) => {
    const type = (button.getAttribute('type') ?? 'submit').toLowerCase();
    return (button.localName === 'button' ? type === 'submit' || type === '' : true) && isActionButton(button);
  });
}

/** Every ancestor of `elements` up to (excluding) `stop`, counted by how many of them it contains. */
function countAncestors(elements: Iterable<Element>, stop: Element | null, counts: Map<Element, number>): void {
  for (const element of elements) {
    for (let node = composedParent(element); node !== null && node !== stop; node = composedParent(node)) {
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
  }
}

function sectionsOfForm(form: Element, controls: FormControl[]): Map<FormControl, Element> {
  const sections = new Map<FormControl, Element>();
  const buttons = submitButtons(form);
  if (buttons.length <= 1) {
    for (const control of controls) sections.set(control, form);
    return sections;
  }
  const holdsButton = new Map<Element, number>();
  countAncestors(buttons, form, holdsButton);
  for (const control of controls) {
    let section: Element = form;
    for (let node = composedParent(control); node !== null && node !== form; node = composedParent(node)) {
      if (holdsButton.has(node)) {
        section = node;
        break;
      }
    }
    sections.set(control, section);
  }
  return sections;
}

function isPageLevel(element: Element): boolean {
  return element.localName === 'body' || element.localName === 'html';
}

function clustersOfFormless(controls: FormControl[]): Map<FormControl, Element | null> {
  const clusters = new Map<FormControl, Element | null>();
  const fields = new Map<Element, number>();
  countAncestors(
    controls.filter((control) => isTextLike(control) && inputType(control) !== 'search'),
    null,
    fields,
  );
  const isFormlessAction = (button: Element): boolean => isButtonLike(button) && composedClosest(button, isForm) === null && isActionButton(button);
  // Asked only of the containers a field climbs through, and memoised. The tag query is cheap over a
  // big subtree; [role="button"] (an attribute test on every element) is tried only when it finds none.
  const holdsAction = new Map<Element, boolean>();
  const holdsActionButton = (container: Element): boolean => {
    let holds = holdsAction.get(container);
    if (holds === undefined) {
      holds =
        Array.from(container.querySelectorAll('button, input')).some(isFormlessAction) ||
        Array.from(container.querySelectorAll('[role="button"]')).some(isFormlessAction);
      holdsAction.set(container, holds);
    }
    return holds;
  };
  for (const control of controls) {
    let cluster: Element | null = null;
    for (let node = composedParent(control); node !== null; node = composedParent(node)) {
      cluster = node;
      if (isPageLevel(node) || (fields.get(node) ?? 0) >= 2 || holdsActionButton(node)) break;
    }
    clusters.set(control, cluster);
  }
  return clusters;
}

/** Groups controls (given in document order); groups come out in the order of their first control. */
export function groupControls(controls: FormControl[]): FieldGroup[] {
  const byForm = new Map<Element, FormControl[]>();
  const formless: FormControl[] = [];
  for (const control of controls) {
    const form = owningForm(control);
    if (form === null) formless.push(control);
    else {
      const members = byForm.get(form);
      if (members === undefined) byForm.set(form, [control]);
      else members.push(control);
    }
  }
  const containerOf = new Map<FormControl, Element | null>();
  for (const [form, members] of byForm) {
    for (const [control, section] of sectionsOfForm(form, members)) containerOf.set(control, section);
  }
  if (formless.length > 0) {
    for (const [control, cluster] of clustersOfFormless(formless)) containerOf.set(control, cluster);
  }
  const groups = new Map<Element | null, FieldGroup>();
  for (const control of controls) {
    const element = containerOf.get(control) ?? null;
    let group = groups.get(element);
    if (group === undefined) {
      group = { element, controls: [] };
      groups.set(element, group);
    }
    group.controls.push(control);
  }
  return [...groups.values()];
}
