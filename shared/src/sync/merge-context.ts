// State threaded through one three-way merge: the histories of both sides (to tell a value the
// other side has already seen from a new one), and what the merge found: field conflicts for the
// caller and the history entries to add to the merged item.
import type { JsonValue } from '../items/json';
import type { HistoryEntry } from '../items/schema-common';

/** One field changed differently on both sides. `undefined` means the member was absent. */
export type FieldConflict = {
  field: string;
  local: JsonValue | undefined;
  remote: JsonValue | undefined;
  base: JsonValue | undefined;
};

/** Marks "there is no common ancestor" (two independent creations), unlike an absent member. */
export const NO_BASE = Symbol('no base');
export type Based<T> = T | typeof NO_BASE;

export type MergeContext = {
  localHistory: readonly HistoryEntry[];
  remoteHistory: readonly HistoryEntry[];
  /** Timestamp for conflict entries: when the remote value was written, so every replica agrees. */
  remoteChangedAt: number;
  conflicts: FieldConflict[];
  entries: HistoryEntry[];
};
