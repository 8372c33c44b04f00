// Unlocking: the master password, a clear message when it is wrong, and the growing delay after
// repeated failures (the background enforces it; this screen counts it down and keeps the button
// disabled meanwhile). "Forgot your master password?" leads to the recovery-key reset. When sync has
// learned that the master password was changed on another device, the screen says so (ADR 0017).
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MessageError, send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { openRequest } from '../../app/open-request';
import { errorCode, errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { useNow } from '../../hooks/use-now';
import { waitText } from '../../lib/format';
import { ScreenRoot } from '../../components/screen-root';
import { QuickUnlockLinks, QuickUnlockScreen, useQuickUnlock } from './quick-unlock-form';
import { t } from '../../../i18n/messages';

export function UnlockScreen(): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [retryAt, setRetryAt] = useState(0);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  /** The unlock that took another device's new password: said before the vault opens. */
  const [adopted, setAdopted] = useState<Parameters<typeof app.unlocked>[0] | null>(null);
  const now = useNow({ everyMs: 250, enabled: retryAt > Date.now() });
  const waiting = retryAt > now;
  const form = useRef<HTMLFormElement>(null);
  // A PIN or biometrics, when turned on, are offered first (quick-unlock-form.tsx).
  const quick = useQuickUnlock();

  function readStatus(): void {
    send('vault.status')
      .then((status) => {
        if (status.retryAfterMs > 0) setRetryAt(Date.now() + status.retryAfterMs);
        setChangedElsewhere(status.passwordChangedElsewhere === true);
      })
      .catch(() => undefined);
  }

  useEffect(() => {
    document.body.dataset.ready = '1';
    readStatus();
  }, []);

  // The notice replaces the form under the keyboard focus: Continue takes it (autofocus works only at load).
  const continueButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (adopted) continueButton.current?.focus();
  }, [adopted]);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy || waiting || !password) return;
    setBusy(true);
    setError(null);
    try {
      performance.mark('keyhold:unlock-submit');
      const opened = await send('vault.unlock', { password, ...openRequest() });
      performance.mark('keyhold:unlocked');
      setPassword('');
      if (opened.status.passwordChangedElsewhere) {
        setBusy(false);
        setAdopted(opened);
        return;
      }
      await app.unlocked(opened);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
      const code = errorCode(failure);
      if (failure instanceof MessageError && failure.retryAfterMs) setRetryAt(Date.now() + failure.retryAfterMs);
      if (code === 'WRONG_PASSWORD') form.current?.querySelector<HTMLInputElement>('input')?.select();
      // Unlock may just have learned of a password change on another device.
      readStatus();
    }
  }

  if (quick.status && quick.method !== 'password') {
    return (
      <QuickUnlockScreen
        status={quick.status}
        method={quick.method}
        onUsePassword={(message) => {
          setError(message ?? null);
          quick.choose('password');
        }}
      />
    );
  }

  if (adopted) {
    return (
      <ScreenRoot class="screen center-screen unlock-screen">
        <h1>{t('unlock_password_changed_title')}</h1>
        <p class="banner warning narrow-form" role="status" data-testid="unlock-adopted">
          {t('unlock_password_changed_adopted')}
        </p>
        <button ref={continueButton} type="button" class="button primary wide narrow-form" onClick={() => void app.unlocked(adopted)}>
          {t('common_continue')}
        </button>
      </ScreenRoot>
    );
  }

  return (
    <ScreenRoot class="screen center-screen unlock-screen">
      <div class="brand-mark" aria-hidden="true">
        <span>K</span>
      </div>
      <h1>{t('unlock_title')}</h1>
      {changedElsewhere && (
        <p class="banner warning narrow-form" role="status" data-testid="unlock-changed-elsewhere">
          {t('unlock_changed_elsewhere')}
        </p>
      )}
      <form ref={form} class="form narrow-form" onSubmit={(e) => void submit(e)} aria-label={t('unlock_button')}>
        <SecretInput label={t('unlock_master_password')} value={password} autoFocus autocomplete="current-password" onInput={setPassword} />
        {error && (
          <p class="error-text" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
        {waiting && (
          <p class="hint" data-testid="unlock-wait">
            {t('unlock_too_many_attempts', waitText(retryAt - now))}
          </p>
        )}
        <button type="submit" class="button primary wide" disabled={busy || waiting || !password}>
          {busy ? <Spinner label={t('unlock_unlocking')} /> : t('unlock_button')}
        </button>
      </form>
      <button type="button" class="link-button" onClick={() => app.go({ name: 'reset' })}>
        {t('unlock_forgot')}
      </button>
      <QuickUnlockLinks status={quick.status} onChoose={quick.choose} />
    </ScreenRoot>
  );
}
