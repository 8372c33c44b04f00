// The recovery key in the settings: view it again, or replace it with a new one (the old one stops
// working). Both need the master password; a new key must be confirmed like at onboarding.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';
import { t } from '../../../i18n/messages';

export function RecoverySection(): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'view' | 'regenerate' | null>(null);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);

  async function run(kind: 'view' | 'regenerate'): Promise<void> {
    if (!password || busy) return;
    setBusy(kind);
    setError(null);
    try {
      const { recoveryKey } = await send(kind === 'view' ? 'vault.viewRecoveryKey' : 'vault.regenerateRecoveryKey', { password });
      setPassword('');
      if (kind === 'view') app.go({ name: 'recovery-show', recoveryKey, purpose: 'view' });
      else app.reset({ name: 'recovery-show', recoveryKey, purpose: 'regenerated' });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(null);
    }
  }

  return (
    <section class="settings-section" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('onboarding_recovery_key_sheet_recovery_key')}</h2>
      <p class="hint">{t('settings_recovery_the_recovery_key_resets_your')}</p>
      <form
        class="form"
        onSubmit={(e) => (e.preventDefault(), void run('view'))}
        aria-label={t('onboarding_recovery_key_sheet_recovery_key')}
        noValidate
      >
        <SecretInput
          label={t('settings_recovery_master_password_for_the_recovery')}
          value={password}
          autocomplete="current-password"
          onInput={setPassword}
        />
        <ErrorText message={error} />
        <div class="button-row">
          <button type="submit" class="button" disabled={!password || busy !== null}>
            {busy === 'view' ? <Spinner label={t('form_item_form_opening')} /> : t('settings_recovery_view')}
          </button>
          {confirmRegenerate ? (
            <button type="button" class="button danger" disabled={!password || busy !== null} onClick={() => void run('regenerate')}>
              {busy === 'regenerate' ? <Spinner label={t('settings_recovery_creating')} /> : t('settings_recovery_yes_replace')}
            </button>
          ) : (
            <button type="button" class="button" disabled={!password || busy !== null} onClick={() => setConfirmRegenerate(true)}>
              {t('settings_recovery_new_recovery_key')}
            </button>
          )}
        </div>
        {confirmRegenerate && <p class="hint">{t('settings_recovery_your_current_recovery_key_will')}</p>}
      </form>
    </section>
  );
}
