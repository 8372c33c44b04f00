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

export function SyncConnectForm(props: { hasVault: boolean; onConnected: (status: SyncStatus) => void }): JSX.Element {
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(() => defaultDeviceName(navigator.userAgent));
  const [inviteToken, setInviteToken] = useState('');
  const [busy, setBusy] = useState<'signUp' | 'logIn' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A server's unlock settings below the default: its warning, shown until the user logs in anyway or changes something.
  const [weakKdfWarning, setWeakKdfWarning] = useState<string | null>(null);

  async function connect(kind: 'signUp' | 'logIn', event: Event, acceptWeakerKdf = false): Promise<void> {
    event.preventDefault();
    setError(null);
    setWeakKdfWarning(null);
    // First, while the click still counts as a user gesture: access to the server's origin.
    const access = await requestServerAccess(serverUrl);
    if (!access.ok) return setError(access.reason);
    setBusy(kind);
    try {
      const credentials = { serverUrl, email, password, deviceName };
      const status =
        kind === 'signUp'
          ? await send('sync.signUp', { ...credentials, ...(inviteToken.trim() ? { inviteToken: inviteToken.trim() } : {}) })
          : await send('sync.logIn', { ...credentials, ...(acceptWeakerKdf ? { acceptWeakerKdf } : {}) });
      setPassword('');
      props.onConnected(status);
    } catch (failure) {
      if (errorCode(failure) === 'CONFIRM') setWeakKdfWarning(errorMessage(failure));
      else setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form class="form sync-connect" onSubmit={(event) => void connect(props.hasVault ? 'signUp' : 'logIn', event)}>
      <p class="hint">
        Keep this vault in step with your other browsers through your own Keyhold sync server. The server only ever stores encrypted data; your master
        password never leaves this device.
      </p>
      <TextField label="Server address" value={serverUrl} onInput={setServerUrl} type="url" placeholder="https://sync.example.org" required />
      <TextField label="Email" value={email} onInput={setEmail} type="email" autocomplete="username" required />
      <SecretInput label="Master password" value={password} onInput={setPassword} autocomplete="current-password" />
      <TextField label="Device name" value={deviceName} onInput={setDeviceName} hint="How this browser appears in your list of devices." />
      {props.hasVault && <TextField label="Invite code (only if your server asks for one)" value={inviteToken} onInput={setInviteToken} mono />}
      <ErrorText message={error} />
      {weakKdfWarning && (
        <div class="banner warning" role="alert" data-testid="weak-kdf-warning">
          <p>{weakKdfWarning}</p>
          <div class="button-row">
            <button type="button" class="button danger" disabled={busy !== null} onClick={(event) => void connect('logIn', event, true)}>
              Log in with these settings anyway
            </button>
          </div>
        </div>
      )}
      <div class="button-row">
        {props.hasVault && (
          <button type="button" class="button primary" disabled={busy !== null} onClick={(event) => void connect('signUp', event)}>
            {busy === 'signUp' ? <Spinner label="Uploading your vault…" /> : 'Sign up and upload this vault'}
          </button>
        )}
        <button
          type="button"
          class={props.hasVault ? 'button' : 'button primary'}
          disabled={busy !== null}
          onClick={(event) => void connect('logIn', event)}
        >
          {busy === 'logIn' ? <Spinner label="Logging in…" /> : 'Log in to an existing account'}
        </button>
      </div>
    </form>
  );
}
