// Building blocks shared by every item type: the schema version, timestamps, the history entry,
// and the members that every overview and every details payload carry. Objects are "loose" (zod 4
// `z.looseObject`): members written by a newer Keyhold are kept as they are, so an older client
// that edits an item never strips what it does not understand.
import { z } from 'zod';
import { jsonValueSchema } from './json';

/** The item schema version this code writes. A higher version read from storage is kept as is. */
export const SCHEMA_VERSION = 1;

/** Milliseconds since the Unix epoch (the ECMAScript time value range, ECMA-262 §21.4.1.1). */
export const msSchema = z.int().min(0).max(8.64e15);
export const itemIdSchema = z.uuid();
export const schemaVersionSchema = z.int().min(1);
/** Calendar date as `YYYY-MM-DD` (RFC 3339 full-date), or null when unknown. */
export const isoDateSchema = z.iso.date().nullable();

export const HISTORY_REASONS = ['changed', 'conflict', 'deleted-edit'] as const;
/**
 * Why a history entry exists: an old value replaced by an edit, the other side of a sync conflict,
 * or a note that an item deleted elsewhere was restored because it was edited here. Reasons added
 * by a newer version are kept and shown as plain history.
 */
export type HistoryReason = (typeof HISTORY_REASONS)[number] | (string & {});

export const historyEntrySchema = z.looseObject({
  value: jsonValueSchema,
  changedAt: msSchema,
  /** Field path (see sync/merge-paths.ts). Absent means 'password' (plain password history, e.g. imported). */
  field: z.string().optional(),
  reason: z.string().default('changed') as z.ZodType<HistoryReason, string | undefined>,
  /** Set when the user settled a conflict entry; open conflict entries have none. */
  resolvedAt: msSchema.optional(),
});
export type HistoryEntry = Known<z.output<typeof historyEntrySchema>>;

/** Members of every overview: what lists, search and autofill suggestions need. */
export const overviewCommonShape = {
  id: itemIdSchema,
  schemaVersion: schemaVersionSchema,
  createdAt: msSchema,
  updatedAt: msSchema,
  name: z.string(),
  tags: z.array(z.string()),
  folder: z.string().nullable(),
  favorite: z.boolean(),
  trashedAt: msSchema.nullable(),
};

/** Members of every details payload. `id`, `type` and `schemaVersion` are in both parts. */
export const detailsCommonShape = {
  id: itemIdSchema,
  schemaVersion: schemaVersionSchema,
  history: z.array(historyEntrySchema),
};

/** The declared members of a loose object type, without zod's `[key: string]: unknown`. */
export type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
