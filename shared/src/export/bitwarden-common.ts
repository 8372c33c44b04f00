// What the Bitwarden JSON and CSV writers both need: which items they write, and the Keyhold values
// Bitwarden has no place for, as named custom fields — nothing a user would miss is dropped, it lands
// in a field or the notes with its name. Bitwarden's own exports leave the trash out; so do these.
import type { ApiKeyItem, Item, KnownItem, OpaqueItem } from '../items/item';

/** A Bitwarden custom field before encoding (JSON: `type` 0 text, 1 hidden, 2 boolean; CSV: "name: value"). */
export type NamedValue = { name: string; value: string; kind: 'text' | 'hidden' | 'boolean' };

/** Items a Bitwarden export holds: everything not in the trash. */
export function itemsToExport(items: readonly Item[]): Item[] {
  return items.filter((item) => item.trashedAt === null || item.trashedAt === undefined);
}

/** Tags (Bitwarden has none in a personal vault) and a login's further usernames. */
export function commonExtras(item: KnownItem): NamedValue[] {
  const extras: NamedValue[] = [];
  if (item.tags.length > 0) extras.push({ name: 'Tags', value: item.tags.join(', '), kind: 'text' });
  if (item.type === 'login') {
    for (const username of item.extraUsernames) extras.push({ name: 'Additional username', value: username, kind: 'text' });
  }
  return extras;
}

/** API keys become secure notes: every member a field, the key and the secret hidden. */
export function apiKeyFields(item: ApiKeyItem): NamedValue[] {
  const fields: NamedValue[] = [
    { name: 'Service URL', value: item.serviceUrl, kind: 'text' },
    { name: 'Key', value: item.key, kind: 'hidden' },
    { name: 'Secret', value: item.secret, kind: 'hidden' },
    { name: 'Expires on', value: item.expiresOn ?? '', kind: 'text' },
    { name: 'Rotation due on', value: item.rotationDueOn ?? '', kind: 'text' },
  ];
  return fields.filter((f) => f.value !== '');
}

/** An item made by a newer Keyhold: a secure note holding its members as JSON, so nothing is lost. */
export function opaqueNoteText(item: OpaqueItem): string {
  const { opaque: _opaque, ...rest } = item;
  return `Made by a newer version of Keyhold (type "${item.type}"). Its fields as JSON:\n${JSON.stringify(rest, null, 2)}`;
}

export function nameOf(item: Item): string {
  return typeof item.name === 'string' ? item.name : '';
}
