// Which field values the user typed (trusted input events: keyboard, paste, IME, the browser's own
// autocomplete) and which ones we filled. A save or update is offered only for such values, never
// for what a page script put into a field (docs/architecture.md, "Autofill rules": never for values
// the user did not type or we did not fill).
import type { FormControl } from '../detect/types';

export type CredentialValues = {
  /** The field's current value if the user typed it or we filled it; null otherwise. */
  trusted(field: FormControl): string | null;
  recordFilled(field: FormControl, value: string): void;
  /** Called with a field whenever the user edits it. */
  onTyped(listener: (field: FormControl) => void): void;
  stop(): void;
};

export function createCredentialValues(document: Document): CredentialValues {
  const typed = new WeakMap<FormControl, string>();
  const filled = new WeakMap<FormControl, string>();
  const listeners: ((field: FormControl) => void)[] = [];

  function onInput(event: Event): void {
    if (!event.isTrusted) return;
    // `input` is composed: a field inside an open shadow root shows up first in the composed path.
    const field = event.composedPath()[0] as FormControl | undefined;
    if (field === undefined || (field.localName !== 'input' && field.localName !== 'textarea')) return;
    typed.set(field, field.value);
    for (const listener of listeners) listener(field);
  }

  document.addEventListener('input', onInput, true);
  return {
    trusted(field) {
      const value = field.value;
      if (value === '') return null;
      return typed.get(field) === value || filled.get(field) === value ? value : null;
    },
    recordFilled(field, value) {
      filled.set(field, value);
    },
    onTyped(listener) {
      listeners.push(listener);
    },
    stop() {
      document.removeEventListener('input', onInput, true);
    },
  };
}
