// Three-way merge of list fields. Tags and extra usernames are sets of strings; URLs (keyed by
// `url`) and lists of objects with an `id` (custom fields) merge element by element. Adds and
// removes from either side both apply; an element removed on one side but edited on the other
// stays (an edit is never dropped for a delete). Which elements survive never depends on which
// side is local; the order does only when both sides changed the same list (see mergeOrder).
import { jsonEqual } from '../items/json';
import { NO_BASE, type Based, type MergeContext } from './merge-context';
import { fieldPath, listKeyOf } from './merge-paths';
import { mergeScalar } from './merge-scalar';

type Member = Record<string, unknown>;

/** Fields whose string elements form a set (no order semantics beyond display). */
const SET_FIELDS = new Set(['tags', 'extraUsernames']);

function unique(keys: readonly string[]): boolean {
  return new Set(keys).size === keys.length;
}

/** How the local list relates to the base and to the remote one (whole values compared). */
export type ListChange = { localChanged: boolean; sidesEqual: boolean };

/**
 * The order of the merged list: the order of the side that changed the list, or the local order
 * when both did, followed by the kept elements only the other side has, in its order. Taking one
 * side's order whole is what makes a repeated merge give the same list back.
 */
export function mergeOrder(local: readonly string[], remote: readonly string[], kept: ReadonlySet<string>, change: ListChange): string[] {
  const remoteFirst = !change.localChanged && !change.sidesEqual;
  const [first, second] = remoteFirst ? [remote, local] : [local, remote];
  const ordered = first.filter((key) => kept.has(key));
  const placed = new Set(ordered);
  return [...ordered, ...second.filter((key) => kept.has(key) && !placed.has(key))];
}

function changeOf(base: Based<unknown>, local: unknown, remote: unknown): ListChange {
  return {
    localChanged: base === NO_BASE || !jsonEqual(local, base),
    sidesEqual: jsonEqual(local, remote),
  };
}

function isStringSet(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((element) => typeof element === 'string') && unique(value);
}

function isKeyedList(value: unknown, keyName: string): value is Member[] {
  if (!Array.isArray(value)) return false;
  const keys: unknown[] = value.map((element: unknown) =>
    typeof element === 'object' && element !== null && !Array.isArray(element) ? (element as Member)[keyName] : undefined,
  );
  return keys.every((key) => typeof key === 'string') && unique(keys as string[]);
}

export function mergeStringSet(base: Based<string[]>, local: string[], remote: string[]): string[] {
  const inBase = new Set(base === NO_BASE ? [] : base);
  const inLocal = new Set(local);
  const inRemote = new Set(remote);
  const kept = new Set([...local, ...remote].filter((value) => (inLocal.has(value) && inRemote.has(value)) || !inBase.has(value)));
  return mergeOrder(local, remote, kept, changeOf(base, local, remote));
}

/** Member-by-member merge of two versions of one list element; the key member is fixed. */
function mergeElement(field: string, keyName: string, base: Based<Member>, local: Member, remote: Member, ctx: MergeContext): Member {
  const key = local[keyName] as string;
  const merged: Member = { [keyName]: key };
  const members = new Set([...Object.keys(local), ...Object.keys(remote), ...(base === NO_BASE ? [] : Object.keys(base))]);
  for (const member of members) {
    if (member === keyName) continue;
    const value = mergeScalar(fieldPath([field, key, member]), base === NO_BASE ? NO_BASE : base[member], local[member], remote[member], ctx);
    if (value !== undefined) merged[member] = value;
  }
  return merged;
}

export function mergeKeyedList(field: string, base: Based<Member[]>, local: Member[], remote: Member[], ctx: MergeContext): Member[] {
  const keyName = listKeyOf(field);
  const index = (list: Member[]) => new Map(list.map((element) => [element[keyName] as string, element]));
  const [inLocal, inRemote] = [index(local), index(remote)];
  const inBase = base === NO_BASE ? undefined : index(base);
  const kept = new Map<string, Member>();
  for (const key of new Set([...inLocal.keys(), ...inRemote.keys()])) {
    const [l, r, b] = [inLocal.get(key), inRemote.get(key), inBase?.get(key)];
    if (l !== undefined && r !== undefined) kept.set(key, mergeElement(field, keyName, b ?? NO_BASE, l, r, ctx));
    // Only one side has it: added there, or removed on the other side. A removal wins only over
    // an element left as it was; an element edited since the base stays.
    else if (l !== undefined && (b === undefined || !jsonEqual(l, b))) kept.set(key, l);
    else if (r !== undefined && (b === undefined || !jsonEqual(r, b))) kept.set(key, r);
  }
  const keysOf = (list: Member[]) => list.map((element) => element[keyName] as string);
  const order = mergeOrder(keysOf(local), keysOf(remote), new Set(kept.keys()), changeOf(base, local, remote));
  return order.map((key) => kept.get(key) as Member);
}

/** Merges one top-level member, choosing the list strategy its values allow, else as a scalar. */
export function mergeMember(field: string, base: Based<unknown>, local: unknown, remote: unknown, ctx: MergeContext): unknown {
  // A member absent from the base but present on both sides was added on both: no common ancestor.
  const listBase = base === undefined ? NO_BASE : base;
  const bases = listBase === NO_BASE ? [] : [listBase];
  if (SET_FIELDS.has(field) && [local, remote, ...bases].every(isStringSet)) {
    return mergeStringSet(listBase as Based<string[]>, local as string[], remote as string[]);
  }
  const keyName = listKeyOf(field);
  if ([local, remote, ...bases].every((value) => isKeyedList(value, keyName))) {
    return mergeKeyedList(field, listBase as Based<Member[]>, local as Member[], remote as Member[], ctx);
  }
  return mergeScalar(field, base, local, remote, ctx);
}
