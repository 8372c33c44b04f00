// Turns an edited copy of an item into the version to save: stamps `updatedAt`, and keeps the
// replaced value of every history field (a login's password, an API key's key and secret) in the
// item history, newest first. An edit that changes nothing returns the previous item untouched,
// so saving an unmodified form neither grows the history nor looks like a change to sync.
import { historyFieldsOf, isOpaque, type Item } from './item';
import { jsonEqual } from './json';
import { normalizeHistory } from './history';
import type { HistoryEntry } from './schema-common';
import { assertValidItem, InvalidItemError } from './validate-item';

function withoutUpdatedAt(item: Item): Record<string, unknown> {
  const { updatedAt: _ignored, ...rest } = item;
  return rest;
}

export function applyEdit<T extends Item>(previous: T, next: T, now: number): T {
  if (next.id !== previous.id || next.type !== previous.type) {
    throw new InvalidItemError('An edit cannot change the id or the type of an item');
  }
  if (jsonEqual(withoutUpdatedAt(previous), withoutUpdatedAt(next))) return previous;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const replaced: HistoryEntry[] = historyFieldsOf(next.type)
    .filter((field) => typeof before[field] === 'string' && before[field] !== '' && before[field] !== after[field])
    .map((field) => ({ value: before[field] as string, changedAt: now, field, reason: 'changed' }));
  const history = next.history as HistoryEntry[] | undefined;
  const edited =
    history === undefined && replaced.length === 0
      ? { ...next, updatedAt: now }
      : { ...next, updatedAt: now, history: normalizeHistory([...replaced, ...(history ?? [])]) };
  if (!isOpaque(edited)) assertValidItem(edited);
  return edited;
}
