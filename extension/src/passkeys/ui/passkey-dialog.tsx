// Keyhold's passkey dialog: an extension window (the page cannot script or cover it) opened for one
// pending WebAuthn call. It asks to unlock when the vault is locked, then offers to save a new
// passkey (on a new login or one of the site's logins) or to choose one to sign in. Every path has
// "Use another device" (the browser's own ceremony) and Cancel. A click here is the user presence
// and verification Keyhold reports.
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import { errorMessage } from '../../ui/app/errors';
import { SecretInput } from '../../ui/components/secret-input';
import { Spinner } from '../../ui/components/spinner';
import { relativeTime } from '../../ui/lib/format';
import type { PasskeyDecision, PendingView } from '../messages';
import './passkey-dialog.css';
import { t } from '../../i18n/messages';
import { tRich } from '../../i18n/rich';

// A click is this dialog's only proof of presence; pinging keeps the background (and the call) alive meanwhile.
const KEEP_ALIVE_MS = 15_000;

export function PasskeyDialog(props: { requestId: string }): JSX.Element {
  const { requestId } = props;
  const [view, setView] = useState<PendingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Asked for when the setting "Ask for the master password to save or use a passkey" is on.
  const [password, setPassword] = useState('');

  const load = useCallback(async (): Promise<void> => {
    try {
      setView(await send('passkeys.pending', { requestId }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [requestId]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void send('activity.ping').catch(() => undefined), KEEP_ALIVE_MS);
    return () => clearInterval(timer);
  }, [load]);

  async function decide(decision: PasskeyDecision): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await send('passkeys.decide', { requestId, decision, ...(password ? { password } : {}) });
      // The background closes this window once the request has ended; this covers a lost close.
      setView({ state: 'gone' });
    } catch (failure) {
      setError(errorMessage(failure));
      await load();
    } finally {
      setBusy(false);
    }
  }

  const gate =
    view && (view.state === 'create' || view.state === 'get') && view.askPassword ? (
      <SecretInput
        label={t('onboarding_create_vault_master_password')}
        value={password}
        onInput={setPassword}
        autocomplete="current-password"
        autoFocus
      />
    ) : null;

  const others = (
    <div class="passkey-others">
      <button type="button" class="button" disabled={busy} onClick={() => void decide({ action: 'fallback' })}>
        {t('passkeys_passkey_dialog_use_another_device_or_security')}
      </button>
      <button type="button" class="button" disabled={busy} onClick={() => void decide({ action: 'cancel' })}>
        {t('common_cancel')}
      </button>
    </div>
  );

  return (
    <main class="passkey-dialog screen-body" aria-live="polite">
      {error && (
        <p class="banner warning" role="alert">
          {error}
        </p>
      )}
      {view === null && !error && <Spinner label={t('common_loading')} />}
      {view?.state === 'gone' && <p class="lead">{t('passkeys_passkey_dialog_this_request_has_ended_you')}</p>}
      {view?.state === 'locked' && <UnlockStep view={view} onUnlocked={() => void load()} others={others} />}
      {view?.state === 'create' && <CreateStep view={view} busy={busy} decide={decide} gate={gate} others={others} />}
      {view?.state === 'get' && <GetStep view={view} busy={busy} decide={decide} gate={gate} others={others} />}
    </main>
  );
}

function Site(props: { rpId: string; origin: string }): JSX.Element {
  return (
    <p class="passkey-site">
      <strong>{props.rpId}</strong>
      <span class="muted small"> · {props.origin}</span>
    </p>
  );
}

function UnlockStep(props: { view: Extract<PendingView, { state: 'locked' }>; onUnlocked: () => void; others: JSX.Element }): JSX.Element {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    setError(null);
    try {
      await send('vault.unlock', { password });
      props.onUnlocked();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }
  return (
    <form class="form" onSubmit={(e) => void submit(e)} aria-label={t('quick_unlock_title')} noValidate>
      <h1 class="passkey-title">{props.view.kind === 'create' ? t('passkey_dialog_unlock_to_save') : t('passkey_dialog_unlock_to_sign_in')}</h1>
      <Site rpId={props.view.rpId} origin={props.view.origin} />
      <SecretInput
        label={t('onboarding_create_vault_master_password')}
        value={password}
        onInput={setPassword}
        autocomplete="current-password"
        autoFocus
        error={error}
      />
      <button type="submit" class="button primary wide" disabled={busy || !password}>
        {busy ? <Spinner label={t('quick_unlock_unlocking')} /> : t('passkey_dialog_unlock')}
      </button>
      {props.others}
    </form>
  );
}

type StepProps<S extends PendingView['state']> = {
  view: Extract<PendingView, { state: S }>;
  busy: boolean;
  decide: (decision: PasskeyDecision) => Promise<void>;
  /** The master password field, when the setting asks for it; null otherwise. */
  gate: JSX.Element | null;
  others: JSX.Element;
};

function CreateStep({ view, busy, decide, gate, others }: StepProps<'create'>): JSX.Element {
  const [target, setTarget] = useState<string>('new');
  if (view.excluded) {
    return (
      <section aria-labelledby="passkey-title">
        <h1 id="passkey-title" class="passkey-title">
          {t('passkeys_passkey_dialog_you_already_have_a_passkey')}
        </h1>
        <Site rpId={view.rpId} origin={view.origin} />
        <p class="lead">{t('passkeys_passkey_dialog_keyhold_keeps_a_passkey_for')}</p>
        <button type="button" class="button primary wide" disabled={busy} onClick={() => void decide({ action: 'cancel' })}>
          {t('common_ok')}
        </button>
      </section>
    );
  }
  return (
    <form
      class="form"
      aria-labelledby="passkey-title"
      onSubmit={(e) => {
        e.preventDefault();
        void decide({ action: 'save', target: target === 'new' ? { kind: 'new' } : { kind: 'existing', itemId: target } });
      }}
    >
      <h1 id="passkey-title" class="passkey-title">
        {t('passkeys_passkey_dialog_save_a_passkey_in_keyhold')}
      </h1>
      <Site rpId={view.rpId} origin={view.origin} />
      <p>{tRich('passkey_dialog_for_account', <strong>{view.userName || t('passkey_dialog_this_account')}</strong>)}</p>
      <fieldset class="passkey-targets">
        <legend>{t('passkeys_passkey_dialog_save_it_on')}</legend>
        <label>
          <input type="radio" name="target" value="new" checked={target === 'new'} onChange={() => setTarget('new')} />{' '}
          {t('passkey_dialog_a_new_login')}
        </label>
        {view.logins.map((login) => (
          <label key={login.itemId}>
            <input type="radio" name="target" value={login.itemId} checked={target === login.itemId} onChange={() => setTarget(login.itemId)} />{' '}
            {login.name}
            {login.username && <span class="muted small"> · {login.username}</span>}
          </label>
        ))}
      </fieldset>
      {gate}
      <button type="submit" class="button primary wide" disabled={busy}>
        {busy ? <Spinner label={t('common_saving')} /> : t('passkey_dialog_save_passkey')}
      </button>
      {others}
    </form>
  );
}

function GetStep({ view, busy, decide, gate, others }: StepProps<'get'>): JSX.Element {
  const now = Date.now();
  return (
    <section aria-labelledby="passkey-title">
      <h1 id="passkey-title" class="passkey-title">
        {t('passkeys_passkey_dialog_sign_in_with_a_passkey')}
      </h1>
      <Site rpId={view.rpId} origin={view.origin} />
      {view.choices.length > 0 && gate}
      {view.choices.length === 0 ? (
        <p class="lead">{t('passkeys_passkey_dialog_keyhold_has_no_passkey_for')}</p>
      ) : (
        <ul class="passkey-choices" aria-label={t('passkeys_passkey_dialog_passkeys')}>
          {view.choices.map((choice) => (
            <li key={choice.passkeyId}>
              <button
                type="button"
                class="button wide passkey-choice"
                disabled={busy}
                onClick={() => void decide({ action: 'use', itemId: choice.itemId, passkeyId: choice.passkeyId })}
              >
                <span class="passkey-user">{choice.userName || choice.itemName}</span>
                <span class="muted small">
                  {choice.itemName}
                  {choice.lastUsedAt !== null ? ` · ${t('passkey_used_when', relativeTime(choice.lastUsedAt, now))}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {others}
    </section>
  );
}
