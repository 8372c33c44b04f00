// Three-way merge of two versions of one item against their last synced common version
// (docs/architecture.md, "Sync"; ADR 0004): different fields changed on each side merge silently; the
// same field changed differently keeps the local value and records the remote one in the item
// history as an open conflict; an edit beats a delete or a move to trash. The merged item is a
// pure function of (base, local, remote) — no clock, no randomness — so every replica computes
// the same result, and merging again with a version already merged changes nothing.
import { z } from 'zod';
import { historyOf, normalizeHistory } from '../items/history';
import { isOpaque, type Item } from '../items/item';
import { jsonEqual } from '../items/json';
import { itemIdSchema, msSchema, type HistoryEntry } from '../items/schema-common';
import { NO_BASE, type FieldConflict, type MergeContext } from './merge-context';
import { mergeMember } from './merge-lists';
import { mergeScalar } from './merge-scalar';

export type { FieldConflict } from './merge-context';

/** What a permanently deleted item leaves behind, so the deletion syncs. */
export const tombstoneSchema = z.strictObject({ id: itemIdSchema, deleted: z.literal(true), deletedAt: msSchema });
export type Tombstone = z.output<typeof tombstoneSchema>;
export type ItemVersion = Item | Tombstone;

export type MergeInput = {
  /** The last synced version both sides started from; null for two independent creations. */
  base: ItemVersion | null;
  local: ItemVersion;
  remote: ItemVersion;
  /**
   * The caller's clock, stamped only on the returned conflict records (`detectedAt`). The merged
   * item never depends on it: replicas that merge at different times must agree on the result.
   */
  now: number;
};

export type MergeResult = {
  merged: ItemVersion;
  conflicts: (FieldConflict & { detectedAt: number })[];
  status: 'clean' | 'conflict';
};

/** Thrown when asked to merge versions of different items: a caller bug, never user input. */
export class MergeMismatchError extends Error {
  override readonly name = 'MergeMismatchError';
}

export function isTombstone(version: ItemVersion): version is Tombstone {
  return !('type' in version) && 'deleted' in version && version.deleted === true;
}

/** Members that are merged by their own rule rather than field by field. */
const OWN_RULE_KEYS = new Set(['id', 'type', 'schemaVersion', 'createdAt', 'updatedAt', 'trashedAt', 'history', 'opaque']);

type Record_ = Record<string, unknown>;

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function trashedAtOf(item: Item | null): number | null {
  return item !== null && typeof item.trashedAt === 'number' ? item.trashedAt : null;
}

/** The item minus what changes without the user editing it (timestamps, trash, history). */
export function contentOf(item: Item): Record_ {
  const { updatedAt: _u, trashedAt: _t, history: _h, ...content } = item as Record_;
  return content;
}

/** Did this side change the item since the base? Moving to trash is not an edit; restoring is. */
function isEdited(side: Item, base: Item | null): boolean {
  if (base === null) return true;
  if (!jsonEqual(contentOf(side), contentOf(base))) return true;
  return trashedAtOf(base) !== null && trashedAtOf(side) === null;
}

function deletedEditNote(field: 'deleted' | 'trashedAt', at: number): HistoryEntry {
  return { field, reason: 'deleted-edit', value: at, changedAt: at };
}

/**
 * The edited side of a delete-vs-edit, brought back with a note saying so. It leaves the trash
 * too, unless that side moved it to the trash itself: then its own choice stands.
 */
function restored(item: Item, base: Item | null, note: HistoryEntry): Item {
  const copy: Record_ = { ...item, history: normalizeHistory([...historyOf(item), note]) };
  const trashedHere = trashedAtOf(item) !== null && trashedAtOf(item) !== trashedAtOf(base);
  if ('trashedAt' in item && !trashedHere) copy.trashedAt = null;
  return copy as Item;
}

function mergeTrash(base: Item | null, local: Item, remote: Item): { trashedAt: number | null; note?: HistoryEntry } {
  const [b, l, r] = [trashedAtOf(base), trashedAtOf(local), trashedAtOf(remote)];
  if (l === r) return { trashedAt: l };
  if (l !== null && r !== null) return { trashedAt: Math.max(l, r) };
  const trashed = (l ?? r) as number;
  // It was in the trash already and the other side took it out: the restore stands.
  if (trashed === b) return { trashedAt: null };
  const otherSideEdited = l !== null ? isEdited(remote, base) : isEdited(local, base);
  if (otherSideEdited) return { trashedAt: null, note: deletedEditNote('trashedAt', trashed) };
  return { trashedAt: trashed };
}

function mergeLiveItems(base: Item | null, local: Item, remote: Item, ctx: MergeContext): Item {
  const sameTypeBase = base !== null && base.type === local.type ? base : null;
  let chosen: Record_;
  if (local.type !== remote.type) {
    // Field-by-field makes no sense across types: the whole content is one value (path 'type').
    chosen = mergeScalar('type', base === null ? NO_BASE : contentOf(base), contentOf(local), contentOf(remote), ctx) as Record_;
  } else {
    chosen = { id: local.id, type: local.type };
    const [b, l, r] = [sameTypeBase as Record_ | null, local as Record_, remote as Record_];
    const keys = new Set([...Object.keys(l), ...Object.keys(r), ...(b === null ? [] : Object.keys(b))]);
    for (const key of keys) {
      if (OWN_RULE_KEYS.has(key)) continue;
      const value = mergeMember(key, b === null ? NO_BASE : b[key], l[key], r[key], ctx);
      if (value !== undefined) chosen[key] = value;
    }
    chosen.schemaVersion = Math.max(local.schemaVersion, remote.schemaVersion);
    if (typeof local.createdAt === 'number' || typeof remote.createdAt === 'number') {
      chosen.createdAt = Math.min(numberOr(local.createdAt, Infinity), numberOr(remote.createdAt, Infinity));
    }
    if (isOpaque(local) || isOpaque(remote)) chosen.opaque = true;
  }
  const trash =
    local.type === remote.type
      ? mergeTrash(sameTypeBase, local, remote)
      : { trashedAt: trashedAtOf(jsonEqual(chosen, contentOf(local)) ? local : remote) };
  const merged: Record_ = { ...chosen };
  if ('trashedAt' in local || 'trashedAt' in remote) merged.trashedAt = trash.trashedAt;
  merged.updatedAt = Math.max(numberOr(local.updatedAt, 0), numberOr(remote.updatedAt, 0));
  const added = trash.note === undefined ? ctx.entries : [...ctx.entries, trash.note];
  if ('history' in local || 'history' in remote || added.length > 0) {
    merged.history = normalizeHistory([...historyOf(local), ...historyOf(remote), ...added]);
  }
  return merged as Item;
}

export function mergeItem({ base, local, remote, now }: MergeInput): MergeResult {
  if (local.id !== remote.id || (base !== null && base.id !== local.id)) {
    throw new MergeMismatchError('cannot merge versions of different items');
  }
  const clean = (merged: ItemVersion): MergeResult => ({ merged, conflicts: [], status: 'clean' });
  if (isTombstone(local) && isTombstone(remote)) {
    return clean({ id: local.id, deleted: true, deletedAt: Math.max(local.deletedAt, remote.deletedAt) });
  }
  const baseItem = base !== null && !isTombstone(base) ? base : null;
  if (isTombstone(local) || isTombstone(remote)) {
    const [tombstone, item] = isTombstone(local) ? [local, remote as Item] : [remote as Tombstone, local as Item];
    // Deleted at the base and alive on one side: that side restored or re-created it.
    if (base !== null && isTombstone(base)) return clean(item);
    if (baseItem !== null && !isEdited(item, baseItem)) return clean(tombstone);
    return clean(restored(item, baseItem, deletedEditNote('deleted', tombstone.deletedAt)));
  }
  const ctx: MergeContext = {
    localHistory: historyOf(local),
    remoteHistory: historyOf(remote),
    remoteChangedAt: numberOr(remote.updatedAt, 0),
    conflicts: [],
    entries: [],
  };
  const merged = mergeLiveItems(baseItem, local, remote, ctx);
  const conflicts = ctx.conflicts.map((conflict) => ({ ...conflict, detectedAt: now }));
  return { merged, conflicts, status: conflicts.length > 0 ? 'conflict' : 'clean' };
}
