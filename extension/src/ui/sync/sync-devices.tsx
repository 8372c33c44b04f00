// The account's devices: name, last use, and "Remove" for every other device (it is signed out at
// its next sync and its vault locked). This device is marked; leaving is "Log out".
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SessionInfo } from '@keyhold/shared/sync/protocol';
import { send } from '../../messaging/client';
import { errorMessage } from '../app/errors';
import { relativeTime } from '../lib/format';
import { ErrorText } from '../components/error-text';
import { t } from '../../i18n/messages';
import { suggestRotation } from '../lib/rotation-suggestion';

export function SyncDevices(props: { now: number }): JSX.Element {
  const [devices, setDevices] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [removed, setRemoved] = useState(false);

  async function load(): Promise<void> {
    try {
      setDevices((await send('sync.devices')).devices);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function remove(device: SessionInfo): Promise<void> {
    if (!confirm(t('sync_devices_remove_confirm', device.deviceName))) return;
    setBusy(device.id);
    try {
      await send('sync.revokeDevice', { sessionId: device.id });
      // A removed device may have been lost: Settings offers to rotate the keys (ADR 0021).
      suggestRotation('device-removed');
      setRemoved(true);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="sync-devices">
      <h3>{t('sync_devices_devices')}</h3>
      <ErrorText message={error} />
      {removed && (
        <p class="hint" role="status" data-testid="device-removed-rotate">
          {t('sync_devices_removed_rotate')}
        </p>
      )}
      {devices === null && !error && <p class="hint">{t('sync_devices_loading_devices')}</p>}
      <ul aria-label={t('sync_devices_devices')}>
        {devices?.map((device) => (
          <li key={device.id} class="sync-device">
            <span>
              <strong>{device.deviceName}</strong>
              {device.current ? ` ${t('sync_devices_this_device')}` : ''}
              <span class="hint"> — {t('sync_devices_last_used', relativeTime(device.lastUsedAt, props.now))}</span>
            </span>
            {!device.current && (
              <button type="button" class="button danger-quiet" disabled={busy !== null} onClick={() => void remove(device)}>
                {t('common_remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
