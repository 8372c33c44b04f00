// What Settings → Sync and the resolve view say: sync state in plain words (with the next retry
// and the reassurance that queued changes are kept), a device name to start from, field names
// instead of paths.
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/sync/status';
import { defaultDeviceName, describeSyncStatus } from '../../src/ui/sync/describe-status';
import { fieldLabel, isSecretField, valueText } from '../../src/ui/sync/field-label';

const NOW = 1_750_000_000_000;
const base: SyncStatus = {
  connection: { serverUrl: 'https://sync.example.org', email: 'a@example.org', deviceName: 'Laptop', sessionId: 'x', connectedAt: NOW },
  state: 'idle',
  lastSyncAt: NOW - 5 * 60_000,
  lastError: null,
  nextRetryAt: null,
  pendingChanges: 0,
  conflicts: 0,
  held: 0,
  reports: [],
};

describe('describeSyncStatus', () => {
  it('says when it last synced', () => {
    expect(describeSyncStatus(base, NOW)).toEqual({ headline: 'Synced 5 minutes ago.', detail: null, tone: 'ok' });
    expect(describeSyncStatus({ ...base, lastSyncAt: null }, NOW).headline).toBe('Not synced yet.');
  });

  it('while failing: the problem, when it tries again, and that queued changes are kept', () => {
    const text = describeSyncStatus(
      { ...base, state: 'failing', lastError: 'The sync server cannot be reached.', nextRetryAt: NOW + 90_000, pendingChanges: 3 },
      NOW,
    );
    expect(text).toEqual({
      headline: 'Not synced.',
      detail: 'The sync server cannot be reached. Keyhold tries again in 1 min 30 s. 3 changes on this device will be uploaded; nothing is lost.',
      tone: 'warning',
    });
  });

  it('off and locked', () => {
    expect(describeSyncStatus({ ...base, state: 'off', connection: null }, NOW).headline).toBe('Sync is off on this device.');
    expect(describeSyncStatus({ ...base, state: 'locked', pendingChanges: 1 }, NOW)).toMatchObject({
      headline: 'Unlock your vault to sync.',
      detail: expect.stringMatching(/^1 change/),
    });
  });

  it('names the device from the browser and system', () => {
    expect(defaultDeviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36')).toBe(
      'Chrome on Linux',
    );
    expect(defaultDeviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox on Windows');
  });
});

describe('field labels', () => {
  it('turns field paths into words and masks secrets', () => {
    expect(fieldLabel('notes')).toBe('Notes');
    expect(fieldLabel('urls/https:~1~1example.org/match')).toBe('Website https://example.org (matching)');
    expect(fieldLabel('customFields/pin/value')).toBe('Custom field');
    expect(isSecretField('password')).toBe(true);
    expect(isSecretField('customFields/pin/value')).toBe(true);
    expect(isSecretField('notes')).toBe(false);
    expect([valueText(''), valueText(['a', 'b']), valueText(true)]).toEqual(['(empty)', 'a, b', 'Yes']);
  });
});
