import { describe, expect, it } from 'vitest';
import { clipboardClearLabel, copiedMessage, mebibytes, relativeTime, waitText } from '../../src/ui/lib/format';
import { CLIPBOARD_CLEAR_CHOICES } from '../../src/vault/settings';

describe('formatting', () => {
  it('says when a copied secret will be cleared, and says nothing when it will not', () => {
    expect(copiedMessage('Password', 30)).toBe('Password copied — clears in 30 s');
    expect(copiedMessage('Password', 0)).toBe('Password copied');
    expect(copiedMessage('Username', null)).toBe('Username copied');
  });

  it('names every clipboard-clearing choice the settings offer, and a stored value outside them', () => {
    expect(CLIPBOARD_CLEAR_CHOICES.map(clipboardClearLabel)).toEqual([
      'After 10 seconds',
      'After 20 seconds',
      'After 30 seconds',
      'After 1 minute',
      'After 2 minutes',
      'Never',
    ]);
    expect(clipboardClearLabel(45)).toBe('After 45 seconds');
    expect(clipboardClearLabel(300)).toBe('After 5 minutes');
  });

  it('counts the unlock delay down in seconds and minutes, never showing 0 s', () => {
    expect(waitText(1)).toBe('1 s');
    expect(waitText(8_200)).toBe('9 s');
    expect(waitText(125_000)).toBe('2 min 5 s');
    expect(waitText(120_000)).toBe('2 min');
  });

  it('writes relative times (Intl in the UI language, English in Node) and sizes', () => {
    const now = Date.UTC(2025, 0, 10);
    expect(relativeTime(now - 5_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(relativeTime(now - 86_400_000, now)).toBe('yesterday');
    expect(relativeTime(now - 30 * 86_400_000, now)).toBe('Dec 11, 2024');
    expect(mebibytes(65536)).toBe('64 MiB');
  });
});
