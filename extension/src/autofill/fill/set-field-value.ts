// Writes a value into a page's field the way typing would look to the page's scripts: focus, the
// value through the element's own setter, then `input` and `change` (HTML §4.10.5.5 fires both on
// user edits). Frameworks that track the last value they saw (React's value tracker) notice the
// change because our write does not go through their tracker, and they re-read the DOM on `input`.
type Editable = HTMLInputElement | HTMLTextAreaElement;

export function setFieldValue(field: Editable, value: string): void {
  field.focus({ preventScroll: true });
  const proto = field.localName === 'textarea' ? HTMLTextAreaElementProto(field) : HTMLInputElementProto(field);
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  const view = field.ownerDocument.defaultView;
  const InputEventCtor = view?.InputEvent ?? InputEvent;
  const EventCtor = view?.Event ?? Event;
  field.dispatchEvent(new InputEventCtor('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value }));
  field.dispatchEvent(new EventCtor('change', { bubbles: true }));
}

// The prototypes of the field's own window (jsdom in tests, the page's realm in the browser).
function HTMLInputElementProto(field: Editable): object {
  return field.ownerDocument.defaultView?.HTMLInputElement.prototype ?? (Object.getPrototypeOf(field) as object);
}

function HTMLTextAreaElementProto(field: Editable): object {
  return field.ownerDocument.defaultView?.HTMLTextAreaElement.prototype ?? (Object.getPrototypeOf(field) as object);
}
