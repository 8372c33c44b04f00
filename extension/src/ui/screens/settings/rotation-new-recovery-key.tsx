// After a key rotation that made a new recovery key (vault/rotation-recovery.ts): the old key no
// longer works, and the new one must be saved. With the master password it is fetched like any view
// of the recovery key, then shown and confirmed by the same screens as a regenerated key (the recovery
// sheet, then the group check). Until the user confirms it, every opening of Keyhold asks for it too
// (the vault's recoveryConfirmed flag, written false by the rotation's commit) — also after a rotation
// that a restarted worker finished.
import type { JSX } from 'preact';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { RecoveryKeyPrompt } from '../../components/recovery-key-prompt';
import { t } from '../../../i18n/messages';

export function RotationNewRecoveryKey(): JSX.Element {
  const app = useApp();
  return (
    <RecoveryKeyPrompt
      layout="section"
      formLabel={t('settings_rotation_show_recovery')}
      passwordLabel={t('settings_rotation_show_recovery_password')}
      submitLabel={t('settings_rotation_show_recovery')}
      busyLabel={t('settings_rotation_checking')}
      testId="rotation-new-recovery"
      onKey={async (recoveryKey) => {
        await send('rotation.dismiss');
        app.reset({ name: 'recovery-show', recoveryKey, purpose: 'regenerated' });
      }}
    >
      <p class="banner warning" role="status">
        {t('settings_rotation_save_new_recovery')}
      </p>
    </RecoveryKeyPrompt>
  );
}
