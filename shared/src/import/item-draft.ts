// What a format parser hands to the collector for one item: the Keyhold fields it could map, plus
// what it could not (`unmapped`), the source's own custom fields, a TOTP value still to be checked,
// old passwords and the source's times. The collector (collect-items.ts) turns a draft into a
// valid Keyhold item; parsers never call newItem themselves, so every format gets the same rules.
import type { ItemType } from '../items/item';
import type { NewItemFields } from '../items/new-item';
import type { CustomFieldKind } from '../items/types/login';

/** A named value from the source. `hidden` for secrets (masked in the UI, never printed by the CLI). */
export type DraftField = { name: string; value: string; kind: CustomFieldKind };

export type DraftPassword = { value: string; changedAt: number };

type DraftOf<T extends ItemType> = {
  type: T;
  /** Keyhold fields, set as they are (name, folder, tags, favorite, trashedAt and the type's own). */
  fields: NewItemFields<T>;
  /** The source's custom fields: a login's custom fields, appended to the notes of other types. */
  customFields?: readonly DraftField[];
  /** Source fields Keyhold has no place for: kept like custom fields, and reported. */
  unmapped?: readonly DraftField[];
  /** An otpauth:// URI or a bare secret, checked with parseTotp; kept as a hidden field when invalid. */
  totp?: string;
  /** Old passwords (logins) as the source lists them; the collector sorts, dedupes and caps them. */
  passwordHistory?: readonly DraftPassword[];
  /** Source times in ms since the epoch; absent or unreadable ones become the import time. */
  createdAt?: number | null;
  updatedAt?: number | null;
};

export type ItemDraft = { [T in ItemType]: DraftOf<T> }[ItemType];

/** Values that are empty once trimmed carry nothing and are left out. */
export function field(name: string, value: string | null | undefined, kind: CustomFieldKind = 'text'): DraftField[] {
  return value !== undefined && value !== null && value.trim() !== '' ? [{ name, value, kind }] : [];
}
