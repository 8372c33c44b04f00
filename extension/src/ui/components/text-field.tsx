// Labelled form controls: a text input, a textarea, and a select, each with its label tied to it
// (tests and screen readers find controls by their label).
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

type Common = { label: string; hint?: string; error?: string | null; class?: string };

export function TextField(
  props: Common & {
    value: string;
    onInput: (value: string) => void;
    type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'number' | 'password';
    placeholder?: string;
    autoFocus?: boolean;
    autocomplete?: string;
    inputMode?: 'text' | 'numeric' | 'email' | 'tel' | 'url';
    list?: string;
    mono?: boolean;
    required?: boolean;
    min?: number;
    max?: number;
    children?: ComponentChildren;
  },
): JSX.Element {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // The autofocus attribute only works on page load; screens mount later, so focus explicitly.
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, [props.autoFocus]);
  return (
    <div class={`form-field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      <div class="input-row">
        <input
          ref={input}
          id={id}
          type={props.type ?? 'text'}
          class={props.mono ? 'mono' : undefined}
          value={props.value}
          placeholder={props.placeholder}
          autocomplete={props.autocomplete ?? 'off'}
          inputMode={props.inputMode}
          list={props.list}
          required={props.required}
          min={props.min}
          max={props.max}
          spellcheck={false}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error || props.hint ? `${id}-note` : undefined}
          onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
        />
        {props.children}
      </div>
      {(props.error || props.hint) && (
        <p id={`${id}-note`} class={props.error ? 'error-text' : 'hint'}>
          {props.error ?? props.hint}
        </p>
      )}
    </div>
  );
}

export function TextArea(props: Common & { value: string; onInput: (value: string) => void; rows?: number; mono?: boolean }): JSX.Element {
  const id = useId();
  return (
    <div class={`form-field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 4}
        class={props.mono ? 'mono' : undefined}
        value={props.value}
        spellcheck={false}
        onInput={(event) => props.onInput((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {props.hint && <p class="hint">{props.hint}</p>}
    </div>
  );
}

export function SelectField<T extends string>(
  props: Common & { value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void },
): JSX.Element {
  const id = useId();
  return (
    <div class={`form-field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange((event.currentTarget as HTMLSelectElement).value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && <p class="hint">{props.hint}</p>}
    </div>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }): JSX.Element {
  const id = useId();
  return (
    <div class="form-field checkbox-field">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange((event.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint">{props.hint}</p>}
    </div>
  );
}
