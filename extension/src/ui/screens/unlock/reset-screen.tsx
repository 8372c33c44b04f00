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
import { suggestRotation } from '../../lib/rotation-suggestion';
import { t } from '../../../i18n/messages';

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
      // The recovery key was typed in: Settings offers to rotate the keys (ADR 0021).
      suggestRotation('recovery-reset');
      app.toast(t('unlock_reset_toast_changed'));
      await app.unlocked();
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  return (
    <ScreenRoot class="screen">
      <TopBar title={t('unlock_reset_reset_master_password')} onBack={() => app.back()} />
      <form class="screen-body form" onSubmit={(e) => void submit(e)} aria-label={t('unlock_reset_reset_master_password')} noValidate>
        <p class="lead">{t('unlock_reset_enter_the_recovery_key_you')}</p>
        <TextArea label={t('onboarding_recovery_key_sheet_recovery_key')} rows={3} mono value={recoveryKey} onInput={setRecoveryKey} />
        {error && (
          <p class="banner warning" role="alert">
            {error}
          </p>
        )}
        <SecretInput
          label={t('settings_password_new_master_password')}
          value={password}
          autocomplete="new-password"
          onInput={setPassword}
          error={passwordError}
          below={<StrengthMeter password={password} />}
        />
        <SecretInput label={t('settings_password_confirm_new_master_password')} value={confirm} autocomplete="new-password" onInput={setConfirm} />
        <button type="submit" class="button primary wide" disabled={busy || !recoveryKey.trim() || !password}>
          {busy ? <Spinner label={t('unlock_reset_resetting')} /> : t('unlock_reset_and_unlock')}
        </button>
      </form>
    </ScreenRoot>
  );
}
