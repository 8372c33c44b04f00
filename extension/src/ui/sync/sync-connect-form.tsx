// Signing this device in to a sync server: the server address, email, master password (only the
// auth key derived from it leaves the device), a device name, and an invite code for servers that
// need one. "Sign up" uploads this browser's vault; "Log in" connects to an existing account and,
// on a browser without a vault, downloads and opens it.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { SyncStatus } from '../../sync/status';
import { errorCode, errorMessage } from '../app/errors';
import { SecretInput } from '../components/secret-input';
import { Spinner } from '../components/spinner';
import { TextField } from '../components/text-field';
import { defaultDeviceName } from './describe-status';
import { requestServerAccess } from './request-server-access';
import { ErrorText } from '../components/error-text';
import { t } from '../../i18n/messages';

/** The log-in warnings the user accepted (sync/messages.ts, `sync.logIn`). */
type Acceptance = { acceptWeakerKdf?: true; acceptUncheckedSalt?: true };

export function SyncConnectForm(props: { hasVault: boolean; onConnected: (status: SyncStatus) => void }): JSX.Element {
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(() => defaultDeviceName(navigator.userAgent));
  const [inviteToken, setInviteToken] = useState('');
  const [busy, setBusy] = useState<'signUp' | 'logIn' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A log-in warning the user must accept before the same log-in is sent again (sync/log-in.ts): a salt
  // Keyhold cannot check, or unlock settings below the default. Shown until the user logs in anyway or
  // starts over; what was accepted is kept while the next warning of the same log-in shows.
  const [warning, setWarning] = useState<{ kind: 'unchecked-salt' | 'weak-kdf'; message: string } | null>(null);
  const [accepted, setAccepted] = useState<Acceptance>({});

  async function connect(kind: 'signUp' | 'logIn', event: Event, accept: Acceptance = {}): Promise<void> {
    event.preventDefault();
    setError(null);
    setWarning(null);
    setAccepted(accept);
    // First, while the click still counts as a user gesture: access to the server's origin.
    const access = await requestServerAccess(serverUrl);
    if (!access.ok) return setError(access.reason);
    setBusy(kind);
    try {
      const credentials = { serverUrl, email, password, deviceName };
      const status =
        kind === 'signUp'
          ? await send('sync.signUp', { ...credentials, ...(inviteToken.trim() ? { inviteToken: inviteToken.trim() } : {}) })
          : await send('sync.logIn', { ...credentials, ...accept });
      setPassword('');
      props.onConnected(status);
    } catch (failure) {
      const code = errorCode(failure);
      if (code === 'CONFIRM_SALT') setWarning({ kind: 'unchecked-salt', message: errorMessage(failure) });
      else if (code === 'CONFIRM') setWarning({ kind: 'weak-kdf', message: errorMessage(failure) });
      else setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form class="form sync-connect" onSubmit={(event) => void connect(props.hasVault ? 'signUp' : 'logIn', event)}>
      <p class="hint">{t('sync_connect_form_keep_this_vault_in_step')}</p>
      <TextField
        label={t('sync_connect_form_server_address')}
        value={serverUrl}
        onInput={setServerUrl}
        type="url"
        placeholder="https://sync.example.org"
        required
      />
      <TextField label={t('common_email')} value={email} onInput={setEmail} type="email" autocomplete="username" required />
      <SecretInput label={t('onboarding_create_vault_master_password')} value={password} onInput={setPassword} autocomplete="current-password" />
      <TextField
        label={t('sync_connect_form_device_name')}
        value={deviceName}
        onInput={setDeviceName}
        hint={t('sync_connect_form_how_this_browser_appears_in')}
      />
      {props.hasVault && <TextField label={t('sync_connect_form_invite_code_only_if_your')} value={inviteToken} onInput={setInviteToken} mono />}
      <ErrorText message={error} />
      {warning?.kind === 'weak-kdf' && (
        <div class="banner warning" role="alert" data-testid="weak-kdf-warning">
          <p>{warning.message}</p>
          <div class="button-row">
            <button
              type="button"
              class="button danger"
              disabled={busy !== null}
              onClick={(event) => void connect('logIn', event, { ...accepted, acceptWeakerKdf: true })}
            >
              {t('sync_connect_form_log_in_with_these_settings')}
            </button>
          </div>
        </div>
      )}
      {warning?.kind === 'unchecked-salt' && (
        <div class="banner warning" role="alert" data-testid="unchecked-salt-warning">
          <p>{warning.message}</p>
          <div class="button-row">
            <button
              type="button"
              class="button danger"
              disabled={busy !== null}
              onClick={(event) => void connect('logIn', event, { ...accepted, acceptUncheckedSalt: true })}
            >
              {t('sync_connect_form_log_in_and_move_my')}
            </button>
          </div>
        </div>
      )}
      <div class="button-row">
        {props.hasVault && (
          <button type="button" class="button primary" disabled={busy !== null} onClick={(event) => void connect('signUp', event)}>
            {busy === 'signUp' ? <Spinner label={t('sync_connect_form_uploading_your_vault')} /> : t('sync_connect_sign_up_and_upload')}
          </button>
        )}
        <button
          type="button"
          class={props.hasVault ? 'button' : 'button primary'}
          disabled={busy !== null}
          onClick={(event) => void connect('logIn', event)}
        >
          {busy === 'logIn' ? <Spinner label={t('sync_connect_form_logging_in')} /> : t('sync_connect_log_in_existing')}
        </button>
      </div>
    </form>
  );
}
