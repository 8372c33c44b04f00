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
import { t } from '../../../i18n/messages';

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
        <span>{t('onboarding_create_vault_k')}</span>
      </div>
      <h1>{t('onboarding_create_vault_welcome_to_keyhold')}</h1>
      <p class="lead">{t('onboarding_create_vault_your_passwords_stay_encrypted_on')}</p>
      <form class="form narrow-form" onSubmit={(e) => void submit(e)} aria-label={t('onboarding_create_vault_create_your_vault')} noValidate>
        <SecretInput
          label={t('onboarding_create_vault_master_password')}
          value={password}
          autoFocus
          autocomplete="new-password"
          onInput={(v) => {
            setPassword(v);
            setError(null);
          }}
          error={error}
          hint={t('onboarding_create_vault_at_least_12_characters_a')}
          below={<StrengthMeter password={password} />}
        />
        <SecretInput
          label={t('onboarding_create_vault_confirm_master_password')}
          value={confirm}
          autocomplete="new-password"
          onInput={setConfirm}
          error={confirmError}
        />
        <p class="hint">{t('onboarding_create_vault_keyhold_cannot_recover_this_password')}</p>
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? <Spinner label={t('onboarding_create_vault_creating_your_vault')} /> : t('onboarding_create_a_new_vault')}
        </button>
      </form>
      <p class="hint">
        {t('onboarding_already_use_keyhold')}{' '}
        <button type="button" class="link-button" onClick={() => app.go({ name: 'sync-login' })}>
          {t('onboarding_create_vault_log_in_to_your_sync')}
        </button>
      </p>
    </ScreenRoot>
  );
}
