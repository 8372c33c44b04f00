// The master-password prompt that opens the way to confirming a recovery key: the key is never kept
// in a page, so a page that must have it confirmed (onboarding resumed after the popup closed, or the
// new key a key rotation made) asks the background for it again with the master password. A wrong
// password is said under the form; the key goes to `onKey`, and the password is cleared from the form
// once it has served.
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import { errorMessage } from '../app/errors';
import { ErrorText } from './error-text';
import { SecretInput } from './secret-input';
import { Spinner } from './spinner';

export function RecoveryKeyPrompt(props: {
  /**
   * `screen`: a screen of its own (narrow form, focus on the field, the error on the field);
   * `section`: inside a Settings section (its width, the error as a line of its own).
   */
  layout: 'screen' | 'section';
  formLabel: string;
  passwordLabel: string;
  submitLabel: string;
  busyLabel: string;
  testId?: string;
  /** Shown above the field. */
  children?: ComponentChildren;
  /** Gets the key; a failure here is shown like a wrong password, and the form can be sent again. */
  onKey: (recoveryKey: string) => void | Promise<void>;
}): JSX.Element {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onScreen = props.layout === 'screen';

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey } = await send('vault.viewRecoveryKey', { password });
      setPassword('');
      await props.onKey(recoveryKey);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  const button = (
    <button type="submit" class={onScreen ? 'button primary wide' : 'button primary'} disabled={busy || !password}>
      {busy ? <Spinner label={props.busyLabel} /> : props.submitLabel}
    </button>
  );
  return (
    <form
      class={onScreen ? 'form narrow-form' : 'form'}
      onSubmit={(e) => void submit(e)}
      aria-label={props.formLabel}
      data-testid={props.testId}
      noValidate={onScreen ? undefined : true}
    >
      {props.children}
      <SecretInput
        label={props.passwordLabel}
        value={password}
        autoFocus={onScreen}
        autocomplete="current-password"
        onInput={setPassword}
        error={onScreen ? error : undefined}
      />
      {onScreen ? (
        button
      ) : (
        <>
          <ErrorText message={error} />
          <div class="button-row">{button}</div>
        </>
      )}
    </form>
  );
}
