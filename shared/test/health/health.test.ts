// Vault health's pure parts: the range protocol (hash split, answers with padding), keyed tags,
// reuse groups, password age and the report.
import { describe, expect, it } from 'vitest';
import { breachCountOf, hashForRange, parseRangeResponse, RangeResponseError } from '../../src/health/range-response';
import { deriveTagKey, passwordTag } from '../../src/health/password-tag';
import { groupReused } from '../../src/health/reuse';
import { isOldPassword, OLD_PASSWORD_MS, passwordSetAt } from '../../src/health/password-age';
import { buildReport, healthReportSchema, summarize, type LoginFacts } from '../../src/health/report';
import { isWeakScore } from '../../src/health/weak';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the range protocol', () => {
  it('splits the SHA-1 of "password" at 5 hex digits (the API documentation example)', () => {
    expect(hashForRange('password')).toEqual({ prefix: '5BAA6', suffix: '1E4C9B93F3F0682250B6CF8331B7EE68FD8' });
  });

  it('hashes the UTF-8 bytes of the password', () => {
    expect(hashForRange('\u00e9')).toEqual({ prefix: 'BF15B', suffix: 'E717AC1B080B4F1C456692825891FF5073D' });
  });

  it('reads counts, ignores padding lines with count 0, blank lines and CRLF', () => {
    const text =
      '1E4C9B93F3F0682250B6CF8331B7EE68FD8:9659365\r\n0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n\r\n00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2\r\n';
    const counts = parseRangeResponse(text);
    expect([...counts]).toEqual([
      ['1E4C9B93F3F0682250B6CF8331B7EE68FD8', 9659365],
      ['00D4F6E8FA6EECAD2A3AA415EEC418D38EC', 2],
    ]);
    expect(breachCountOf(counts, '1e4c9b93f3f0682250b6cf8331b7ee68fd8')).toBe(9659365);
    expect(breachCountOf(counts, '0018A45C4D1DEF81644B54AB7F969B88D65')).toBe(0);
    expect(parseRangeResponse('')).toEqual(new Map());
  });

  it('refuses an answer that is not a range answer (a captive portal, a wrong endpoint)', () => {
    expect(() => parseRangeResponse('<html><body>Sign in to the Wi-Fi</body></html>')).toThrow(RangeResponseError);
    expect(() => parseRangeResponse('1E4C9B93F3F0682250B6CF8331B7EE68FD8:-1')).toThrow(RangeResponseError);
    expect(() => parseRangeResponse('1E4C9B93F3F0682250B6CF8331B7EE68F:3')).toThrow(RangeResponseError);
    expect(() => parseRangeResponse('A'.repeat(35) + ':1\n'.repeat(60_000))).toThrow(RangeResponseError);
  });
});

describe('password tags', () => {
  const vaultKey = new Uint8Array(32).fill(7);
  const otherVault = new Uint8Array(32).fill(8);

  it('are equal for the same password in one vault, and differ across vaults and passwords', () => {
    const key = deriveTagKey(vaultKey);
    expect(passwordTag(key, 'hunter2')).toBe(passwordTag(key, 'hunter2'));
    expect(passwordTag(key, 'hunter2')).not.toBe(passwordTag(key, 'hunter3'));
    expect(passwordTag(deriveTagKey(otherVault), 'hunter2')).not.toBe(passwordTag(key, 'hunter2'));
  });

  it('contain neither the password nor its SHA-1', () => {
    const tag = passwordTag(deriveTagKey(vaultKey), 'password');
    expect(tag).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tag).not.toContain('password');
    expect(tag.toUpperCase()).not.toContain('5BAA6');
  });

  it('refuse a key of the wrong size', () => {
    expect(() => deriveTagKey(new Uint8Array(16))).toThrow();
    expect(() => passwordTag(new Uint8Array(31), 'x')).toThrow();
  });
});

describe('reuse groups', () => {
  it('groups logins with the same tag, two or more, largest first', () => {
    const groups = groupReused([
      { id: 'c', tag: 'x' },
      { id: 'a', tag: 'y' },
      { id: 'b', tag: 'x' },
      { id: 'd', tag: 'z' },
      { id: 'e', tag: 'y' },
      { id: 'f', tag: 'x' },
    ]);
    expect(groups).toEqual([
      ['b', 'c', 'f'],
      ['a', 'e'],
    ]);
    expect(groupReused([{ id: 'a', tag: 'x' }])).toEqual([]);
  });
});

describe('password age', () => {
  const day = 24 * 60 * 60 * 1000;
  it('is the newest replaced-password entry, else the creation time', () => {
    expect(passwordSetAt({ createdAt: 1000, history: [] })).toBe(1000);
    const history = [
      { value: 'old1', changedAt: 5000, field: 'password', reason: 'changed' },
      { value: 'old0', changedAt: 3000, reason: 'changed' },
      { value: 'x', changedAt: 9000, field: 'password', reason: 'conflict' },
      { value: 'n', changedAt: 8000, field: 'notes', reason: 'changed' },
    ];
    expect(passwordSetAt({ createdAt: 1000, history })).toBe(5000);
  });

  it('is old from one year on', () => {
    const now = 1_800_000_000_000;
    expect(isOldPassword(now - OLD_PASSWORD_MS, now)).toBe(true);
    expect(isOldPassword(now - OLD_PASSWORD_MS + day, now)).toBe(false);
  });
});

describe('the report', () => {
  it('lists breached, reused, weak and old logins, and counts each login at risk once', () => {
    const now = 1_800_000_000_000;
    const facts: LoginFacts[] = [
      { id: ID(1), tag: 't1', score: 0, setAt: now - 2 * OLD_PASSWORD_MS, breaches: 100 },
      { id: ID(2), tag: 't1', score: 4, setAt: now, breaches: 0 },
      { id: ID(3), tag: 't3', score: 4, setAt: now, breaches: null },
      { id: ID(4), tag: 't4', score: 2, setAt: now, breaches: 3 },
    ];
    const report = buildReport(facts, { now, breachesChecked: true });
    expect(healthReportSchema.parse(report)).toEqual(report);
    expect(report.breached).toEqual([
      { id: ID(1), count: 100 },
      { id: ID(4), count: 3 },
    ]);
    expect(report.reused).toEqual([[ID(1), ID(2)]]);
    expect(report.weak).toEqual([
      { id: ID(1), score: 0 },
      { id: ID(4), score: 2 },
    ]);
    expect(report.old).toEqual([{ id: ID(1), setAt: now - 2 * OLD_PASSWORD_MS }]);
    expect(summarize(report)).toEqual({ finishedAt: now, breached: 2, reused: 2, weak: 2, old: 1, atRisk: 3 });
    expect(JSON.stringify(report)).not.toContain('t1');
  });

  it('calls scores 0–2 weak', () => {
    expect([0, 1, 2, 3, 4].map((s) => isWeakScore(s as 0))).toEqual([true, true, true, false, false]);
  });
});
