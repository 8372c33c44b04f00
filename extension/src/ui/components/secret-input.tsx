// A labelled secret input (password, card number, API secret): masked, with a reveal toggle, and
// room for more buttons (Generate) after it.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Icon } from './icons';
import { t } from '../../i18n/messages';

export function SecretInput(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  autocomplete?: 'new-password' | 'current-password' | 'off';
  autoFocus?: boolean;
  error?: string | null;
  hint?: string;
  inputMode?: 'text' | 'numeric';
  children?: ComponentChildren;
  below?: ComponentChildren;
}): JSX.Element {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The autofocus attribute only works on page load; screens mount later, so focus explicitly.
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, [props.autoFocus]);
  return (
    <div class="form-field">
      <label for={id} id={`${id}-label`}>
        {props.label}
      </label>
      <div class="input-row">
        <input
          ref={input}
          id={id}
          type={revealed ? 'text' : 'password'}
          class="mono"
          value={props.value}
          autocomplete={props.autocomplete ?? 'off'}
          inputMode={props.inputMode}
          spellcheck={false}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error || props.hint ? `${id}-note` : undefined}
          onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
        />
        {/* Named "Show characters" (described by the field's label) rather than "Show <label>", so a
            lookup by the field's label finds the input alone. */}
        <button
          type="button"
          class="icon-button"
          aria-label={t('secret_input_show_characters')}
          aria-describedby={`${id}-label`}
          title={revealed ? t('secret_input_hide_characters') : t('secret_input_show_characters')}
          aria-pressed={revealed}
          onClick={() => setRevealed((r) => !r)}
        >
          <Icon name={revealed ? 'eyeOff' : 'eye'} />
        </button>
        {props.children}
      </div>
      {props.below}
      {(props.error || props.hint) && (
        <p id={`${id}-note`} class={props.error ? 'error-text' : 'hint'} role={props.error ? 'alert' : undefined}>
          {props.error ?? props.hint}
        </p>
      )}
    </div>
  );
}
