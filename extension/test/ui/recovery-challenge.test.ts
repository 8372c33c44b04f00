import { describe, expect, it } from 'vitest';
import {
  groupMatches,
  normalizeRecoveryText,
  ordinal,
  pickGroupIndex,
  recoveryGroups,
  recoveryKeyFileText,
} from '../../src/ui/lib/recovery-challenge';

const KEY = 'ABCD-EF01-2345-6789-KMNP-QRST-VWXY-Z012-3456-789A-BCDE-FGHJ-KMNP-STVW-QR';

describe('recovery key challenge', () => {
  it('splits the key into its groups', () => {
    const groups = recoveryGroups(KEY);
    expect(groups).toHaveLength(15);
    expect(groups[0]).toBe('ABCD');
    expect(groups[14]).toBe('QR');
  });

  it('accepts the group typed loosely (case, spaces, Crockford look-alikes) and refuses another group', () => {
    expect(groupMatches(' ef01 ', 'EF01')).toBe(true);
    expect(groupMatches('EFO1', 'EF01')).toBe(true);
    expect(groupMatches('EFOl', 'EF01')).toBe(true);
    expect(groupMatches('ABCD', 'EF01')).toBe(false);
    expect(groupMatches('', '')).toBe(false);
    expect(normalizeRecoveryText('ａｂ-cd')).toBe('ABCD');
  });

  it('picks every group with equal chance (a rejection-sampled crypto draw)', () => {
    const counts = new Array(15).fill(0);
    for (let i = 0; i < 15_000; i++) counts[pickGroupIndex(15)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800); // expected 1000 each; 800 is > 6 standard deviations away
  });

  it('uses the injected draw and refuses an empty key', () => {
    expect(pickGroupIndex(15, () => 7)).toBe(7);
    expect(() => pickGroupIndex(0)).toThrow(RangeError);
  });

  it('names positions in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']);
  });

  it('puts the key and a warning into the saved text file', () => {
    const text = recoveryKeyFileText(KEY, new Date('2025-03-04T10:00:00Z'));
    expect(text).toContain(KEY);
    expect(text).toContain('2025-03-04');
    expect(text).toMatch(/keep it offline/i);
  });
});
