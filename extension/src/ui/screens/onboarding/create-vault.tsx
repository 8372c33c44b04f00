// Onboarding, step 1: choose the master password. Its strength is shown as it is typed; a password
// that is too weak is refused with the reason; a confirm field catches typos. The vault is created
// with the default Argon2id parameters (64 MiB, t = 3, p = 4).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { StrengthMeter } from '../../components/strength-meter';
import { checkNewMasterPassword } from '../../lib/strength';
import { ScreenRoot } from '../../components/screen-root';

export function CreateVault(): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.body.dataset.ready = '1';
  }, []);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setConfirmError(null);
    setBusy(true);
    try {
      const check = await checkNewMasterPassword(password, confirm);
      if (!check.ok) return check.field === 'confirm' ? setConfirmError(check.reason) : setError(check.reason);
      const { recoveryKey } = await send('vault.create', { password });
      setPassword('');
      setConfirm('');
      app.reset({ name: 'recovery-show', recoveryKey, purpose: 'onboarding' });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ScreenRoot class="screen center-screen onboarding">
      <div class="brand-mark" aria-hidden="true">
        <span>K</span>
      </div>
      <h1>Welcome to Keyhold</h1>
      <p class="lead">
        Your passwords stay encrypted on this device. Choose a master password to lock them: it is the one password you will need to remember.
      </p>
      <form class="form narrow-form" onSubmit={(e) => void submit(e)} aria-label="Create your vault" noValidate>
        <SecretInput
          label="Master password"
          value={password}
          autoFocus
          autocomplete="new-password"
          onInput={(v) => {
            setPassword(v);
            setError(null);
          }}
          error={error}
          hint="At least 12 characters. A few unrelated words make a strong one."
          below={<StrengthMeter password={password} />}
        />
        <SecretInput label="Confirm master password" value={confirm} autocomplete="new-password" onInput={setConfirm} error={confirmError} />
        <p class="hint">Keyhold cannot recover this password for you. Next you will get a recovery key to reset it if you ever forget it.</p>
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? <Spinner label="Creating your vault…" /> : 'Create a new vault'}
        </button>
      </form>
      <p class="hint">
        Already use Keyhold in another browser?{' '}
        <button type="button" class="link-button" onClick={() => app.go({ name: 'sync-login' })}>
          Log in to your sync server
        </button>
      </p>
    </ScreenRoot>
  );
}
