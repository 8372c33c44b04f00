// Settings: preferences (auto-lock, idle lock, clipboard, theme), related websites, the unlock cost with calibration,
// the master password and the recovery key. Loaded in one go when the screen opens.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { useLoad } from '../../hooks/use-load';
import { TopBar } from '../../components/top-bar';
import { Spinner } from '../../components/spinner';
import { errorMessage, isLockedError } from '../../app/errors';
import { PreferencesSection } from './preferences-section';
import { RelatedDomainsSection } from './related-domains-section';
import { KdfSection } from './kdf-section';
import { PasswordSection } from './password-section';
import { RecoverySection } from './recovery-section';
import { RotationSection } from './rotation-section';
import { QuickUnlockSection } from './quick-unlock-section';
import { SyncSection } from '../../sync/sync-section';
import { HealthSettingsSection } from '../health/health-settings';
import { TransferSection } from '../export/transfer-section';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';

export function SettingsScreen(props: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const loaded = useLoad(async () => {
    const [settings, kdf] = await Promise.all([send('settings.get'), send('vault.kdf')]);
    return { settings, kdf };
  }, []);
  const failed = loaded.state === 'error' ? loaded.error : null;
  useEffect(() => {
    if (isLockedError(failed)) app.fail(failed);
  }, [failed, app]);
  return (
    <ScreenRoot class="screen settings-screen">
      <TopBar title={t('list_settings')} onBack={props.onClose} />
      <div class="screen-body">
        {loaded.state === 'loading' && <Spinner label={t('settings_loading')} />}
        {loaded.state === 'error' && <p class="banner warning">{errorMessage(loaded.error)}</p>}
        {loaded.state === 'ok' && (
          <>
            <PreferencesSection initial={loaded.value.settings} />
            <RelatedDomainsSection initial={loaded.value.settings} />
            <HealthSettingsSection initial={loaded.value.settings} />
            <KdfSection current={loaded.value.kdf} />
            <PasswordSection />
            <QuickUnlockSection />
            <RecoverySection />
            <RotationSection />
            <TransferSection />
            <SyncSection />
          </>
        )}
      </div>
    </ScreenRoot>
  );
}
