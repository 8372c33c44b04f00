// Quick unlock on the unlock screen (docs/adr/0019-quick-unlock.md): a PIN while this browser stays
// open, or biometrics / a security key through WebAuthn PRF. Offered first when turned on, always with
// "Use master password" beside it; the background decides (5 wrong PINs wipe the PIN, after which
// only the master password opens the vault).
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { ResponseOf } from '../../../messaging/protocol';
import { t } from '../../../i18n/messages';
import { useApp } from '../../app/context';
import { openRequest } from '../../app/open-request';
import { errorCode, errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { ScreenRoot } from '../../components/screen-root';
import { evaluatePrf, PrfCeremonyError } from '../../lib/prf-ceremony';

export type QuickStatus = ResponseOf<'quickUnlock.status'>;
export type UnlockMethod = 'password' | 'pin' | 'prf';

/** What the unlock screen offers: the quick method turned on (PIN first), until the user picks the master password. */
export function useQuickUnlock(): { status: QuickStatus | null; method: UnlockMethod; choose: (method: UnlockMethod) => void } {
  const [status, setStatus] = useState<QuickStatus | null>(null);
  const [chosen, setChosen] = useState<UnlockMethod | null>(null);
  const read = (): void => {
    send('quickUnlock.status')
      .then(setStatus)
      .catch(() => setStatus({ pin: null, prf: null }));
  };
  useEffect(read, []);
  const offered: UnlockMethod = status?.pin ? 'pin' : status?.prf ? 'prf' : 'password';
  return {
    status,
    method: chosen ?? offered,
    // Back to the master password: read again, as the way just left may have been turned off (5 wrong PINs).
    choose: (method) => {
      setChosen(method);
      if (method === 'password') read();
    },
  };
}

export function QuickUnlockScreen(props: {
  status: QuickStatus;
  method: 'pin' | 'prf';
  /** Back to the master password; with a message when quick unlock has just been turned off (PIN wiped). */
  onUsePassword: (message?: string) => void;
}): JSX.Element {
  const app = useApp();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const prfButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    document.body.dataset.ready = '1';
    if (props.method === 'prf') prfButton.current?.focus();
  }, [props.method]);

  async function opened(request: Promise<ResponseOf<'quickUnlock.unlockPin'>>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const reply = await request;
      setPin('');
      await app.unlocked(reply);
    } catch (failure) {
      setBusy(false);
      // NOT_FOUND: this way is off now (5 wrong PINs, or the master password changed): the password takes over.
      if (errorCode(failure) === 'NOT_FOUND') return props.onUsePassword(errorMessage(failure));
      setError(failure instanceof PrfCeremonyError ? failure.message : errorMessage(failure));
      setPin('');
      form.current?.querySelector<HTMLInputElement>('input')?.focus();
    }
  }

  function submitPin(event: Event): void {
    event.preventDefault();
    if (busy || !pin) return;
    void opened(send('quickUnlock.unlockPin', { pin, ...openRequest() }));
  }

  function unlockWithPrf(): void {
    const credential = props.status.prf;
    if (busy || !credential) return;
    void opened(evaluatePrf(credential).then((prfOutput) => send('quickUnlock.unlockPrf', { prfOutput, ...openRequest() })));
  }

  return (
    <ScreenRoot class="screen center-screen unlock-screen">
      <div class="brand-mark" aria-hidden="true">
        <span>{t('ext_name').slice(0, 1)}</span>
      </div>
      <h1>{t('quick_unlock_title')}</h1>
      {props.method === 'pin' ? (
        <form ref={form} class="form narrow-form" onSubmit={submitPin} aria-label={t('quick_unlock_pin_form')}>
          <SecretInput
            label={t('quick_unlock_pin_label')}
            value={pin}
            autoFocus
            inputMode="numeric"
            hint={props.status.pin && props.status.pin.attemptsLeft < 5 ? t('quick_unlock_pin_attempts_hint') : undefined}
            onInput={(value) => setPin(value.replace(/\D/g, ''))}
          />
          {error && (
            <p class="error-text" role="alert" data-testid="quick-unlock-error">
              {error}
            </p>
          )}
          <button type="submit" class="button primary wide" disabled={busy || pin.length < 6}>
            {busy ? <Spinner label={t('quick_unlock_unlocking')} /> : t('quick_unlock_unlock_button')}
          </button>
        </form>
      ) : (
        <div class="form narrow-form">
          <p class="hint">{t('quick_unlock_prf_intro')}</p>
          {error && (
            <p class="error-text" role="alert" data-testid="quick-unlock-error">
              {error}
            </p>
          )}
          <button ref={prfButton} type="button" class="button primary wide" disabled={busy} onClick={unlockWithPrf}>
            {busy ? <Spinner label={t('quick_unlock_unlocking')} /> : t('quick_unlock_prf_button')}
          </button>
        </div>
      )}
      {props.method === 'pin' && props.status.prf && (
        <button type="button" class="link-button" onClick={unlockWithPrf} disabled={busy}>
          {t('quick_unlock_prf_button')}
        </button>
      )}
      <button type="button" class="link-button" onClick={() => props.onUsePassword()}>
        {t('quick_unlock_use_password')}
      </button>
    </ScreenRoot>
  );
}

/** Under the master-password form: the quick ways that are on, to go back to them. */
export function QuickUnlockLinks(props: { status: QuickStatus | null; onChoose: (method: UnlockMethod) => void }): JSX.Element | null {
  if (!props.status?.pin && !props.status?.prf) return null;
  return (
    <div class="button-row quick-unlock-links">
      {props.status.pin && (
        <button type="button" class="link-button" onClick={() => props.onChoose('pin')}>
          {t('quick_unlock_use_pin')}
        </button>
      )}
      {props.status.prf && (
        <button type="button" class="link-button" onClick={() => props.onChoose('prf')}>
          {t('quick_unlock_use_prf')}
        </button>
      )}
    </div>
  );
}
