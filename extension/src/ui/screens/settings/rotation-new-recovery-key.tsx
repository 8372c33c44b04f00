// After a key rotation that made a new recovery key (vault/rotation-recovery.ts): the old key no
// longer works, and the new one must be saved. With the master password it is fetched like any view
// of the recovery key, then shown and confirmed by the same screens as a regenerated key (the recovery
// sheet, then the group check). Until the user confirms it, every opening of Keyhold asks for it too
// (the vault's recoveryConfirmed flag, written false by the rotation's commit) — also after a rotation
// that a restarted worker finished.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';
import { t } from '../../../i18n/messages';

export function RotationNewRecoveryKey(): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function show(event: Event): Promise<void> {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey } = await send('vault.viewRecoveryKey', { password });
      setPassword('');
      await send('rotation.dismiss');
      app.reset({ name: 'recovery-show', recoveryKey, purpose: 'regenerated' });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form
      class="form"
      onSubmit={(e) => void show(e)}
      aria-label={t('settings_rotation_show_recovery')}
      data-testid="rotation-new-recovery"
      noValidate
    >
      <p class="banner warning" role="status">
        {t('settings_rotation_save_new_recovery')}
      </p>
      <SecretInput label={t('settings_rotation_show_recovery_password')} value={password} autocomplete="current-password" onInput={setPassword} />
      <ErrorText message={error} />
      <div class="button-row">
        <button type="submit" class="button primary" disabled={!password || busy}>
          {busy ? <Spinner label={t('settings_rotation_checking')} /> : t('settings_rotation_show_recovery')}
        </button>
      </div>
    </form>
  );
}
