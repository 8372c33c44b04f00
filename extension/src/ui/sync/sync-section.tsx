// Settings → Sync, self-contained: sign up or log in when this device is not connected; otherwise
// where it syncs, how it is going in plain words, "Sync now", the devices, integrity reports and
// "Log out". Reads the status from the background every few seconds while shown.
// Mount: <SyncSection onSignedIn={…} /> — onSignedIn runs after a successful sign-up or log-in
// (a log-in on a browser without a vault has just downloaded and unlocked one: reload the list).
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { SyncStatus } from '../../sync/status';
import { errorMessage } from '../app/errors';
import { useNow } from '../hooks/use-now';
import { Spinner } from '../components/spinner';
import { describeSyncStatus } from './describe-status';
import { SyncConnectForm } from './sync-connect-form';
import { SyncDevices } from './sync-devices';
import { SyncReports } from './sync-reports';
import { ErrorText } from '../components/error-text';
import './sync.css';
import { t, tp } from '../../i18n/messages';
import { tRich } from '../../i18n/rich';

const REFRESH_MS = 5_000;

export function SyncSection(props: { onSignedIn?: () => void }): JSX.Element {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [hasVault, setHasVault] = useState(true);
  const [busy, setBusy] = useState<'sync' | 'logout' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow({ everyMs: REFRESH_MS });

  const refresh = useCallback(async () => {
    try {
      const [next, vault] = await Promise.all([send('sync.status'), send('vault.status')]);
      setStatus(next);
      setHasVault(vault.state !== 'none');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [now, refresh]);

  async function run(kind: 'sync' | 'logout'): Promise<void> {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'sync') setStatus(await send('sync.now', {}));
      else {
        const { serverInformed } = await send('sync.logOut');
        if (!serverInformed) setError(t('sync_logged_out_server_not_told'));
        await refresh();
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  if (status === null) {
    return (
      <section class="settings-section sync-section" aria-label={t('sync_sync')}>
        <h2>{t('sync_sync')}</h2>
        {error ? <p class="error-text">{error}</p> : <Spinner label={t('common_loading')} />}
      </section>
    );
  }

  const text = describeSyncStatus(status, now);
  return (
    <section class="settings-section sync-section" aria-label={t('sync_sync')}>
      <h2>{t('sync_sync')}</h2>
      {status.connection === null ? (
        <>
          {text.detail && <p class="hint">{text.detail}</p>}
          <SyncConnectForm
            hasVault={hasVault}
            onConnected={(next) => {
              setStatus(next);
              props.onSignedIn?.();
            }}
          />
        </>
      ) : (
        <>
          <p>
            {tRich(
              'sync_signed_in_as',
              <strong>{status.connection.email}</strong>,
              <span class="mono">{status.connection.serverUrl}</span>,
              status.connection.deviceName,
            )}
          </p>
          <p class={`sync-status ${text.tone}`} role="status" data-testid="sync-status">
            <strong>{text.headline}</strong>
            {text.detail && <> {text.detail}</>}
          </p>
          {status.conflicts > 0 && <p class="hint">{tp('sync_items_have_conflicts', status.conflicts)}</p>}
          <SyncReports reports={status.reports} now={now} onDismiss={() => void send('sync.dismissReports').then(refresh)} />
          <ErrorText message={error} />
          <div class="button-row">
            <button type="button" class="button primary" disabled={busy !== null || status.state === 'locked'} onClick={() => void run('sync')}>
              {busy === 'sync' ? <Spinner label={t('sync_syncing')} /> : t('sync_line_sync_now')}
            </button>
            <button type="button" class="button" disabled={busy !== null} onClick={() => void run('logout')}>
              {t('sync_log_out')}
            </button>
          </div>
          {status.state !== 'locked' && <SyncDevices now={now} />}
        </>
      )}
    </section>
  );
}
