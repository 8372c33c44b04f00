// Quick unlock in the settings (docs/adr/0019-quick-unlock.md): a PIN for this browser session, and
// biometrics or a security key through WebAuthn PRF. Turning either on needs the master password
// (someone at an unlocked, unattended browser must not be able to add their own way in); turning one
// off needs nothing.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { ResponseOf } from '../../../messaging/protocol';
import { t } from '../../../i18n/messages';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';
import { enrollPrf, PrfCeremonyError, prfSupported } from '../../lib/prf-ceremony';

type Status = ResponseOf<'quickUnlock.status'>;

export function QuickUnlockSection(): JSX.Element {
  const [status, setStatus] = useState<Status | null>(null);
  const [prfAvailable, setPrfAvailable] = useState<boolean | null>(null);
  const refresh = (): void => {
    send('quickUnlock.status')
      .then(setStatus)
      .catch(() => undefined);
  };
  useEffect(() => {
    refresh();
    void prfSupported().then(setPrfAvailable);
  }, []);

  return (
    <section class="settings-section" aria-labelledby="quick-unlock-title" data-testid="quick-unlock-section">
      <h2 id="quick-unlock-title">{t('quick_unlock_settings_title')}</h2>
      <p class="hint">{t('quick_unlock_settings_intro')}</p>
      {status === null ? (
        <Spinner label={t('quick_unlock_loading')} />
      ) : (
        <>
          <PinPart on={status.pin !== null} onChanged={refresh} />
          <PrfPart on={status.prf !== null} available={prfAvailable} onChanged={refresh} />
        </>
      )}
    </section>
  );
}

function TurnOff(props: { label: string; onOff: () => Promise<unknown>; onChanged: () => void }): JSX.Element {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void props.onOff().finally(() => {
          setBusy(false);
          props.onChanged();
        });
      }}
    >
      {props.label}
    </button>
  );
}

function PinPart(props: { on: boolean; onChanged: () => void }): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (props.on) {
    return (
      <div class="form" data-testid="quick-unlock-pin-on">
        <h3>{t('quick_unlock_pin_heading')}</h3>
        <p class="hint">{t('quick_unlock_pin_on')}</p>
        <TurnOff label={t('quick_unlock_pin_turn_off')} onOff={() => send('quickUnlock.disablePin')} onChanged={props.onChanged} />
      </div>
    );
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!/^\d{6,32}$/.test(pin)) return setError(t('quick_unlock_pin_invalid'));
    if (pin !== confirm) return setError(t('quick_unlock_pin_mismatch'));
    setBusy(true);
    try {
      await send('quickUnlock.enablePin', { password, pin });
      setPassword('');
      setPin('');
      setConfirm('');
      app.toast(t('quick_unlock_pin_enabled'));
      props.onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const digits = (value: string) => value.replace(/\D/g, '');
  return (
    <form class="form" onSubmit={(e) => void submit(e)} aria-labelledby="quick-unlock-pin-heading" noValidate>
      <h3 id="quick-unlock-pin-heading">{t('quick_unlock_pin_heading')}</h3>
      <p class="hint">{t('quick_unlock_pin_explain')}</p>
      <SecretInput label={t('quick_unlock_pin_master_label')} value={password} autocomplete="current-password" onInput={setPassword} />
      <SecretInput label={t('quick_unlock_pin_new_label')} value={pin} inputMode="numeric" onInput={(v) => setPin(digits(v))} />
      <SecretInput label={t('quick_unlock_pin_confirm_label')} value={confirm} inputMode="numeric" onInput={(v) => setConfirm(digits(v))} />
      <ErrorText message={error} />
      <button type="submit" class="button primary" disabled={busy || !password || !pin || !confirm}>
        {busy ? <Spinner label={t('quick_unlock_turning_on')} /> : t('quick_unlock_pin_turn_on')}
      </button>
    </form>
  );
}

function PrfPart(props: { on: boolean; available: boolean | null; onChanged: () => void }): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (props.on) {
    return (
      <div class="form" data-testid="quick-unlock-prf-on">
        <h3>{t('quick_unlock_prf_heading')}</h3>
        <p class="hint">{t('quick_unlock_prf_on')}</p>
        <TurnOff label={t('quick_unlock_prf_turn_off')} onOff={() => send('quickUnlock.disablePrf')} onChanged={props.onChanged} />
      </div>
    );
  }
  if (props.available === false) {
    return (
      <div class="form">
        <h3>{t('quick_unlock_prf_heading')}</h3>
        <p class="hint">{t('quick_unlock_prf_not_here')}</p>
      </div>
    );
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy || !password) return;
    setError(null);
    setBusy(true);
    try {
      const enrolment = await enrollPrf();
      await send('quickUnlock.enablePrf', { password, ...enrolment });
      setPassword('');
      app.toast(t('quick_unlock_prf_enabled'));
      props.onChanged();
    } catch (failure) {
      setError(failure instanceof PrfCeremonyError ? failure.message : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={(e) => void submit(e)} aria-labelledby="quick-unlock-prf-heading" noValidate>
      <h3 id="quick-unlock-prf-heading">{t('quick_unlock_prf_heading')}</h3>
      <p class="hint">{t('quick_unlock_prf_explain')}</p>
      <SecretInput label={t('quick_unlock_prf_master_label')} value={password} autocomplete="current-password" onInput={setPassword} />
      <ErrorText message={error} />
      <button type="submit" class="button primary" disabled={busy || !password}>
        {busy ? <Spinner label={t('quick_unlock_turning_on')} /> : t('quick_unlock_prf_turn_on')}
      </button>
    </form>
  );
}
