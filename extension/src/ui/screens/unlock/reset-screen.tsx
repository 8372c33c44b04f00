// "Forgot master password": the recovery key re-wraps the vault key under a new master password
// (with the same strength rules as onboarding). The vault opens afterwards; the recovery key stays
// valid until the user regenerates it in the settings.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { TopBar } from '../../components/top-bar';
import { SecretInput } from '../../components/secret-input';
import { TextArea } from '../../components/text-field';
import { Spinner } from '../../components/spinner';
import { StrengthMeter } from '../../components/strength-meter';
import { checkNewMasterPassword } from '../../lib/strength';
import { ScreenRoot } from '../../components/screen-root';

export function ResetScreen(): JSX.Element {
  const app = useApp();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setPasswordError(null);
    const check = await checkNewMasterPassword(password, confirm);
    if (!check.ok) return setPasswordError(check.reason);
    setBusy(true);
    try {
      await send('vault.resetWithRecoveryKey', { recoveryKey, newPassword: password });
      app.toast('Master password changed. Your vault is unlocked.');
      await app.unlocked();
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  return (
    <ScreenRoot class="screen">
      <TopBar title="Reset master password" onBack={() => app.back()} />
      <form class="screen-body form" onSubmit={(e) => void submit(e)} aria-label="Reset master password" noValidate>
        <p class="lead">Enter the recovery key you saved when you created the vault, then choose a new master password.</p>
        <TextArea label="Recovery key" rows={3} mono value={recoveryKey} onInput={setRecoveryKey} />
        {error && (
          <p class="banner warning" role="alert">
            {error}
          </p>
        )}
        <SecretInput
          label="New master password"
          value={password}
          autocomplete="new-password"
          onInput={setPassword}
          error={passwordError}
          below={<StrengthMeter password={password} />}
        />
        <SecretInput label="Confirm new master password" value={confirm} autocomplete="new-password" onInput={setConfirm} />
        <button type="submit" class="button primary wide" disabled={busy || !recoveryKey.trim() || !password}>
          {busy ? <Spinner label="Resetting…" /> : 'Reset and unlock'}
        </button>
      </form>
    </ScreenRoot>
  );
}
