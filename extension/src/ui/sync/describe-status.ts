// Sync's state in plain words for Settings → Sync: one headline, an optional detail with what to
// expect next, and a tone for styling. Pure, so it is tested in Node.
import type { SyncStatus } from '../../sync/status';
import { countText, relativeTime, waitText } from '../lib/format';

export type StatusText = { headline: string; detail: string | null; tone: 'ok' | 'busy' | 'warning' | 'off' };

export function describeSyncStatus(status: SyncStatus, now: number): StatusText {
  const waiting =
    status.pendingChanges > 0 ? `${countText(status.pendingChanges, 'change')} on this device will be uploaded; nothing is lost.` : null;
  switch (status.state) {
    case 'off':
      return { headline: 'Sync is off on this device.', detail: status.lastError, tone: 'off' };
    case 'locked':
      return { headline: 'Unlock your vault to sync.', detail: waiting, tone: 'off' };
    case 'syncing':
      return { headline: 'Syncing…', detail: null, tone: 'busy' };
    case 'failing': {
      const retry = status.nextRetryAt !== null && status.nextRetryAt > now ? `Keyhold tries again in ${waitText(status.nextRetryAt - now)}.` : null;
      const detail = [status.lastError, retry, waiting].filter((part): part is string => part !== null).join(' ');
      return { headline: 'Not synced.', detail: detail || null, tone: 'warning' };
    }
    case 'idle':
      return {
        headline: status.lastSyncAt === null ? 'Not synced yet.' : `Synced ${relativeTime(status.lastSyncAt, now)}.`,
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
        : 'Browser';
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
  return system ? `${browser} on ${system}` : browser;
}
