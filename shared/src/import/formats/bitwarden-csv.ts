// Bitwarden's CSV export. Personal vault columns: folder, favorite, type, name, notes, fields,
// reprompt, login_uri, login_username, login_password, login_totp; an organization export has
// `collections` instead of `folder` and `favorite`. Only logins and notes are exported to CSV.
// `fields` holds one custom field per line as "name: value"; `login_uri` lists URIs separated by
// commas. Source: Bitwarden Help, "Condition a Bitwarden .csv" (bitwarden.com/help/condition-bitwarden-import).
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { field, type DraftField } from '../item-draft';
import { readCsv, requireColumns } from '../read-csv';
import { splitUrls, toUrls } from '../urls';

/** Bitwarden's individual-vault CSV columns, in its order (the exporter writes the same). */
export const BITWARDEN_CSV_COLUMNS = [
  'folder',
  'favorite',
  'type',
  'name',
  'notes',
  'fields',
  'reprompt',
  'login_uri',
  'login_username',
  'login_password',
  'login_totp',
] as const;

/** An organization's export adds the collections the item is in. */
const COLUMNS: readonly string[] = [...BITWARDEN_CSV_COLUMNS, 'collections'];

export function parseBitwardenCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['type', 'name', 'login_uri', 'login_username', 'login_password']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const at = { line: row.line };
    const get = (name: string): string => table.get(row, name);
    const collections = get('collections')
      .split(/[,\n]/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const common = {
      name: get('name'),
      folder: get('folder').trim() || null,
      tags: collections,
      favorite: get('favorite').trim() === '1',
    };
    const customFields = parseFieldLines(get('fields'));
    const unmapped = [...table.rest(row, COLUMNS), ...(get('reprompt').trim() === '1' ? field('Bitwarden master password re-prompt', 'on') : [])];
    if (get('type').trim().toLowerCase() === 'note') {
      collector.add(at, { type: 'note', fields: { ...common, text: get('notes') }, customFields, unmapped });
      continue;
    }
    collector.add(at, {
      type: 'login',
      fields: {
        ...common,
        username: get('login_username'),
        password: get('login_password'),
        urls: toUrls(splitUrls(get('login_uri'))),
        notes: get('notes'),
      },
      totp: get('login_totp'),
      customFields,
      unmapped,
    });
  }
  return collector.result();
}

/** "name: value" per line; a line without ": " is a field with that name and no value. */
function parseFieldLines(text: string): DraftField[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(': ');
      return colon === -1
        ? { name: line, value: '', kind: 'text' as const }
        : { name: line.slice(0, colon), value: line.slice(colon + 2), kind: 'text' as const };
    });
}
