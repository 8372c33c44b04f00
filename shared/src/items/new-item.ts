// Creates a new item of a known type with every member set: the type's defaults, then the fields
// the caller gave. The result is validated, so a bad field fails here rather than at the next read.
import type { ItemOf, ItemType } from './item';
import { ITEM_SPECS } from './item';
import { SCHEMA_VERSION } from './schema-common';
import { assertValidItem } from './validate-item';

/** What a caller may set on creation; `id` only for importers that keep an existing id. */
export type NewItemFields<T extends ItemType> = Partial<
  Omit<ItemOf<T>, 'type' | 'schemaVersion' | 'createdAt' | 'updatedAt' | 'history' | 'overviewExtra'>
>;

export function newItem<T extends ItemType>(type: T, fields: NewItemFields<T>, now: number): ItemOf<T> {
  const item = {
    id: crypto.randomUUID(),
    type,
    schemaVersion: SCHEMA_VERSION,
    createdAt: now,
    updatedAt: now,
    name: '',
    tags: [],
    folder: null,
    favorite: false,
    trashedAt: null,
    ...structuredClone(ITEM_SPECS[type].defaults),
    history: [],
    ...fields,
  } as unknown as ItemOf<T>;
  assertValidItem(item);
  return item;
}
