// The contract between the item form and the per-type field groups: the item being edited and a
// typed setter for one of its members.
import type { ItemOf, ItemType } from '@keyhold/shared/items/item';

export type FieldsProps<T extends ItemType> = {
  item: ItemOf<T>;
  set: <K extends keyof ItemOf<T>>(key: K, value: ItemOf<T>[K]) => void;
};
