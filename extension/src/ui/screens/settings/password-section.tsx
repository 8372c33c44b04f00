// Changing the master password: the current one, the new one (same strength rules as onboarding)
// and its confirmation. Only the vault key is re-wrapped; items stay as they are.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { StrengthMeter } from '../../components/strength-meter';
import { checkNewMasterPassword } from '../../lib/strength';
import { ErrorText } from '../../components/error-text';
import { t } from '../../../i18n/messages';

export function PasswordSection(): JSX.Element {
  const app = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const check = await checkNewMasterPassword(next, confirm);
    if (!check.ok) return setError(check.reason);
    setBusy(true);
    try {
      await send('vault.changePassword', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      app.toast(t('unlock_password_changed_title'));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="settings-section" aria-labelledby="password-title">
      <h2 id="password-title">{t('onboarding_create_vault_master_password')}</h2>
      <form class="form" onSubmit={(e) => void submit(e)} aria-label={t('settings_password_change_master_password')} noValidate>
        <SecretInput label={t('settings_password_current_master_password')} value={current} autocomplete="current-password" onInput={setCurrent} />
        <SecretInput
          label={t('settings_password_new_master_password')}
          value={next}
          autocomplete="new-password"
          onInput={setNext}
          below={<StrengthMeter password={next} />}
        />
        <SecretInput label={t('settings_password_confirm_new_master_password')} value={confirm} autocomplete="new-password" onInput={setConfirm} />
        <ErrorText message={error} />
        <button type="submit" class="button primary" disabled={busy || !current || !next}>
          {busy ? <Spinner label={t('settings_password_changing')} /> : t('settings_password_change')}
        </button>
      </form>
    </section>
  );
}
