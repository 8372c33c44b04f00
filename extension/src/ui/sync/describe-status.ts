// Sync's state in plain words for Settings → Sync: one headline, an optional detail with what to
// expect next, and a tone for styling. Pure, so it is tested in Node.
import type { SyncStatus } from '../../sync/status';
import { relativeTime, waitText } from '../lib/format';
import { t, tp } from '../../i18n/messages';

export type StatusText = { headline: string; detail: string | null; tone: 'ok' | 'busy' | 'warning' | 'off' };

export function describeSyncStatus(status: SyncStatus, now: number): StatusText {
  const waiting = status.pendingChanges > 0 ? tp('sync_status_pending', status.pendingChanges) : null;
  switch (status.state) {
    case 'off':
      return { headline: t('sync_status_off'), detail: status.lastError, tone: 'off' };
    case 'locked':
      return { headline: t('sync_status_locked'), detail: waiting, tone: 'off' };
    case 'syncing':
      return { headline: t('sync_status_syncing'), detail: null, tone: 'busy' };
    case 'failing': {
      const retry = status.nextRetryAt !== null && status.nextRetryAt > now ? t('sync_status_retry_in', waitText(status.nextRetryAt - now)) : null;
      const detail = [status.lastError, retry, waiting].filter((part): part is string => part !== null).join(' ');
      return { headline: t('sync_status_failing'), detail: detail || null, tone: 'warning' };
    }
    case 'idle':
      return {
        headline: status.lastSyncAt === null ? t('sync_status_never') : t('sync_status_synced', relativeTime(status.lastSyncAt, now)),
        detail: waiting,
        tone: 'ok',
      };
  }
}

/** "Chrome on Linux" — a starting point for the device name, which the user may change. */
export function defaultDeviceName(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : t('sync_device_browser');
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent)
      ? 'macOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /CrOS/.test(userAgent)
          ? 'ChromeOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return system ? t('sync_device_name', browser, system) : browser;
}
