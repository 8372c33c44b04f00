// Screens around the sync components (ui/sync): logging in to a sync server from a browser that has
// no vault yet, and resolving sync conflicts.
import type { JSX } from 'preact';
import { useApp } from '../../app/context';
import { TopBar } from '../../components/top-bar';
import { SyncSection } from '../../sync/sync-section';
import { ConflictsView } from '../../sync/conflicts-view';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';

export function SyncLoginScreen(props: { onClose: () => void }): JSX.Element {
  const app = useApp();
  return (
    <ScreenRoot class="screen settings-screen">
      <TopBar title={t('onboarding_create_vault_log_in_to_your_sync')} onBack={props.onClose} />
      <div class="screen-body">
        <SyncSection onSignedIn={() => void app.unlocked()} />
      </div>
    </ScreenRoot>
  );
}

export function ConflictsScreen(props: { onClose: () => void }): JSX.Element {
  const app = useApp();
  return <ConflictsView onClose={props.onClose} onChanged={() => app.changed()} />;
}
