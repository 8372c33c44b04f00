// 1Password 8's CSV export (File → Export → CSV): Title, Url, Username, Password, OTPAuth,
// Favorite, Archived, Tags, Notes. CSV holds logins and passwords only (use 1PUX for everything).
// Several website URLs share the Url cell, one per line; tags are comma-separated. Keyhold has no
// archive: archived items get the tag "archived". Source: 1Password Support, "Export your data".
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { readCsv, requireColumns } from '../read-csv';
import { splitUrls, toUrls } from '../urls';

const COLUMNS = ['Title', 'Url', 'Username', 'Password', 'OTPAuth', 'Favorite', 'Archived', 'Tags', 'Notes'];

export const ARCHIVED_TAG = 'archived';

export function parseOnePasswordCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['Title', 'Url', 'Username', 'Password']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    const tags = get('Tags')
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (isTrue(get('Archived'))) tags.push(ARCHIVED_TAG);
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          name: get('Title'),
          username: get('Username'),
          password: get('Password'),
          urls: toUrls(splitUrls(get('Url'), /\r?\n/)),
          notes: get('Notes'),
          tags,
          favorite: isTrue(get('Favorite')),
        },
        totp: get('OTPAuth'),
        unmapped: table.rest(row, COLUMNS),
      },
    );
  }
  return collector.result();
}

function isTrue(cell: string): boolean {
  return ['true', '1', 'yes'].includes(cell.trim().toLowerCase());
}
