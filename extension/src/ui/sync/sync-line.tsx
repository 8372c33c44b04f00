// The popup's sync line, shown only while this device is signed in to a sync server: when it last
// synced (or what went wrong, in plain words) and "Sync now", one click from the list. What a run
// brings refreshes the open views by itself (the background's "changed" event).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { SyncStatus } from '../../sync/status';
import { errorMessage } from '../app/errors';
import { useNow } from '../hooks/use-now';
import { describeSyncStatus } from './describe-status';
import './sync.css';
import { t } from '../../i18n/messages';

const REFRESH_MS = 30_000;

export function SyncLine(props: { refreshKey: number; onSynced: () => void }): JSX.Element | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useNow({ everyMs: REFRESH_MS });

  useEffect(() => {
    let live = true;
    send('sync.status').then(
      (next) => live && setStatus(next),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.refreshKey, now]);

  if (status === null || status.state === 'off') return null;
  const text = describeSyncStatus(busy ? { ...status, state: 'syncing' } : status, Date.now());

  async function syncNow(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setStatus(await send('sync.now', {}));
      // The list refetches after the user's own Sync now too, whatever the background's event did.
      props.onSynced();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class={`sync-line ${text.tone}`} data-testid="sync-line">
      <p role="status">
        {error ?? text.headline}
        {!error && text.tone === 'warning' && text.detail && <span class="sync-line-detail"> {text.detail}</span>}
      </p>
      <button type="button" class="link-button" disabled={busy || status.state === 'locked'} onClick={() => void syncNow()}>
        {t('sync_line_sync_now')}
      </button>
    </div>
  );
}
