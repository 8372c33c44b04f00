// The item history: old values of fields that change (passwords first of all), the other side of
// sync conflicts, and notes about deleted items brought back by an edit. Replicas merge histories
// as a union, so everything here is a pure function of the entries: the same entries in any order
// give the same list (deduplicated, newest first, capped), and repeated syncs converge.
import { canonicalJson } from './json';
import type { HistoryEntry, HistoryReason } from './schema-common';

/** Most closed entries kept per item. Open conflicts are never dropped (the user must see them). */
export const HISTORY_CAP = 50;

/** Identity of an entry: two replicas that recorded the same fact produce the same key. */
export function historyKey(entry: HistoryEntry): string {
  return canonicalJson([entry.field ?? '', entry.reason, entry.value, entry.changedAt]);
}

export function isOpenConflict(entry: HistoryEntry): boolean {
  return entry.reason === 'conflict' && entry.resolvedAt === undefined;
}

/** Of two records of the same fact, the resolved one (earliest resolution), else the smaller text. */
function pickDuplicate(a: HistoryEntry, b: HistoryEntry): HistoryEntry {
  if (a.resolvedAt !== undefined && b.resolvedAt !== undefined && a.resolvedAt !== b.resolvedAt) {
    return a.resolvedAt < b.resolvedAt ? a : b;
  }
  if ((a.resolvedAt === undefined) !== (b.resolvedAt === undefined)) return a.resolvedAt === undefined ? b : a;
  return canonicalJson(a) <= canonicalJson(b) ? a : b;
}

/** Deduplicates, sorts newest first (ties by key, so the order is the same everywhere) and caps. */
export function normalizeHistory(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const byKey = new Map<string, HistoryEntry>();
  for (const entry of entries) {
    const key = historyKey(entry);
    const seen = byKey.get(key);
    byKey.set(key, seen === undefined ? entry : pickDuplicate(seen, entry));
  }
  const sorted = [...byKey.entries()]
    .sort(([keyA, a], [keyB, b]) => b.changedAt - a.changedAt || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([, entry]) => entry);
  let closed = 0;
  return sorted.filter((entry) => isOpenConflict(entry) || ++closed <= HISTORY_CAP);
}

/** An item's history; opaque items written by a newer version may have none. */
export function historyOf(item: { history?: unknown }): HistoryEntry[] {
  return Array.isArray(item.history) ? (item.history as HistoryEntry[]) : [];
}

/** The field an entry is about; entries without one are password history (e.g. from an import). */
export function fieldOf(entry: HistoryEntry): string {
  return entry.field ?? 'password';
}

/** Whether the history records `value` for `field` (optionally only entries with one reason). */
export function historyHasValue(history: readonly HistoryEntry[], field: string, value: unknown, options: { reason?: HistoryReason } = {}): boolean {
  const text = canonicalJson(value === undefined ? null : value);
  return history.some(
    (entry) => fieldOf(entry) === field && (options.reason === undefined || entry.reason === options.reason) && canonicalJson(entry.value) === text,
  );
}
