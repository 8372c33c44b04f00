// Settling sync conflicts. A conflict lives in the item itself, as an open 'conflict' entry in its
// history (the remote value; the local value is the field's current value), so it survives
// restarts and syncs to every device until the user settles it on one of them. Settling marks
// the entries resolved rather than deleting them: replicas merge histories as a union, and a
// resolution must win over an older copy of the same entry, not be undone by it.
import { fieldOf, historyOf, isOpenConflict, normalizeHistory } from '../items/history';
import { isOpaque, type Item } from '../items/item';
import { jsonEqual, type JsonValue } from '../items/json';
import { assertValidItem, InvalidItemError } from '../items/validate-item';
import { contentOf } from './merge';
import { readPath, writePath } from './merge-paths';

export type OpenConflict = {
  field: string;
  /** The value the item holds now (the local side of the conflict). */
  local: JsonValue | undefined;
  /** The other side's value, as recorded by the merge. */
  remote: JsonValue;
  changedAt: number;
};

export type ConflictChoice = { field: string; now: number } & ({ choose: 'local' } | { choose: 'remote' } | { choose: 'value'; value: JsonValue });

/** The path of a whole-item conflict (two versions of different types). */
const WHOLE_ITEM = 'type';

function valueAt(item: Item, field: string): JsonValue | undefined {
  return (field === WHOLE_ITEM ? contentOf(item) : readPath(item, field)) as JsonValue | undefined;
}

function withValueAt(item: Item, field: string, value: JsonValue): Item {
  if (field !== WHOLE_ITEM) return writePath(item, field, value);
  return { ...(value as Record<string, unknown>), id: item.id, trashedAt: item.trashedAt ?? null, history: item.history } as Item;
}

/** Open conflicts, newest first; several entries for one field when more than two sides disagreed. */
export function openConflictsOf(item: Item): OpenConflict[] {
  return normalizeHistory(historyOf(item))
    .filter(isOpenConflict)
    .map((entry) => ({ field: fieldOf(entry), local: valueAt(item, fieldOf(entry)), remote: entry.value, changedAt: entry.changedAt }));
}

/**
 * Settles every open conflict on one field: keep the current (local) value, take the newest
 * remote value, or set a value the user typed. A replaced value is kept in history as a settled
 * conflict, so a device that still holds it defers to this choice when it syncs.
 */
export function resolveConflict(item: Item, choice: ConflictChoice): Item {
  const history = normalizeHistory(historyOf(item));
  const open = history.filter((entry) => isOpenConflict(entry) && fieldOf(entry) === choice.field);
  const newest = open[0];
  if (newest === undefined) return item;
  const current = valueAt(item, choice.field);
  const chosen = choice.choose === 'local' ? current : choice.choose === 'remote' ? newest.value : choice.value;
  const settled = history.map((entry) => (open.includes(entry) ? { ...entry, resolvedAt: choice.now } : entry));
  let next = item;
  if (chosen !== undefined && !jsonEqual(chosen, current)) {
    settled.push({ field: choice.field, reason: 'conflict', value: current ?? null, changedAt: choice.now, resolvedAt: choice.now });
    next = withValueAt(item, choice.field, chosen);
  }
  const resolved = { ...next, updatedAt: choice.now, history: normalizeHistory(settled) } as Item;
  if (!isOpaque(resolved)) assertValidItem(resolved);
  return resolved;
}

export type SplitOptions = {
  now: number;
  /** Id of the copy; a new random one by default. */
  id?: string;
  /**
   * Name of the copy: a fixed name, or made from the name the copy would otherwise have (the
   * remote one, if the name itself was in conflict). By default that name followed by " (conflict copy)";
   * the extension passes its translated wording.
   */
  copyName?: string | ((name: string) => string);
};

/**
 * "Keep both": the item keeps its local values, and a new item (new id) takes the newest remote
 * value of every conflicted field. All conflicts of the item are settled in both.
 */
export function splitConflict(item: Item, options: SplitOptions): [Item, Item] {
  const conflicts = openConflictsOf(item);
  if (conflicts.length === 0) throw new InvalidItemError('This item has no open conflict to split');
  const fields = [...new Set(conflicts.map((conflict) => conflict.field))];
  const kept = fields.reduce((acc, field) => resolveConflict(acc, { field, choose: 'local', now: options.now }), item);
  // Newest first, so the first value seen for a field is the one the copy takes.
  let copy: Item = kept;
  for (const field of fields) {
    const remote = conflicts.find((conflict) => conflict.field === field)?.remote as JsonValue;
    copy = withValueAt(copy, field, remote);
  }
  const baseName = typeof copy.name === 'string' ? copy.name : '';
  const copyName = typeof options.copyName === 'function' ? options.copyName(baseName) : (options.copyName ?? `${baseName} (conflict copy)`);
  const theCopy = {
    ...copy,
    id: options.id ?? crypto.randomUUID(),
    name: copyName,
    createdAt: options.now,
    updatedAt: options.now,
  } as Item;
  if (!isOpaque(theCopy)) assertValidItem(theCopy);
  return [kept, theCopy];
}
