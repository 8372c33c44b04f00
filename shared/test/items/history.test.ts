// History is merged as a union by every replica, so its normal form must not depend on the order
// entries arrive in, and must never drop a conflict the user has not settled.
import { describe, expect, it } from 'vitest';
import { HISTORY_CAP, historyHasValue, normalizeHistory } from '../../src/items/history';
import type { HistoryEntry } from '../../src/items/schema-common';
import { T0 } from './fixtures';

const changed = (value: string, at: number): HistoryEntry => ({ value, changedAt: T0 + at, field: 'password', reason: 'changed' });
const conflict = (value: string, at: number): HistoryEntry => ({ value, changedAt: T0 + at, field: 'name', reason: 'conflict' });

describe('normalizeHistory', () => {
  it('deduplicates and sorts newest first, whatever the input order', () => {
    const entries = [changed('a', 1), changed('b', 2), conflict('c', 2), changed('a', 1)];
    const forward = normalizeHistory(entries);
    expect(forward.map((entry) => entry.value)).toEqual(['c', 'b', 'a']);
    expect(normalizeHistory([...entries].reverse())).toEqual(forward);
  });

  it('keeps the resolved copy of an entry over an open one, whichever arrives first', () => {
    const open = { ...conflict('x', 1), note: 'from an older copy' };
    const resolved = { ...conflict('x', 1), resolvedAt: T0 + 9 };
    expect(normalizeHistory([open, resolved])).toEqual([resolved]);
    expect(normalizeHistory([resolved, open])).toEqual([resolved]);
  });

  it('caps settled entries but never drops an open conflict', () => {
    const many = Array.from({ length: HISTORY_CAP + 10 }, (_, i) => changed(`p${i}`, 100 + i));
    const oldOpenConflict = conflict('keep me', 0);
    const normalized = normalizeHistory([...many, oldOpenConflict]);
    expect(normalized).toHaveLength(HISTORY_CAP + 1);
    expect(normalized).toContainEqual(oldOpenConflict);
    expect(normalized.some((entry) => entry.value === 'p0')).toBe(false);
  });

  it('reads entries without a field as password history (e.g. imported)', () => {
    const imported = { value: 'old', changedAt: T0, reason: 'changed' } as HistoryEntry;
    expect(historyHasValue([imported], 'password', 'old')).toBe(true);
    expect(historyHasValue([imported], 'name', 'old')).toBe(false);
  });
});
