// KeePassXC's CSV export (Database → Export → CSV File): Group, Title, Username, Password, URL,
// Notes, TOTP, Icon, Last Modified, Created (the last four since 2.6). Group is the path from the
// root group, "/"-separated, its first part the root's own name, which Keyhold drops; entries in
// the Recycle Bin come in as trashed. Source: KeePassXC's CsvExporter (src/format/CsvExporter.cpp).
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { isoTime } from '../json-fields';
import { readCsv, requireColumns } from '../read-csv';
import { toUrls } from '../urls';

const COLUMNS = ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes', 'TOTP', 'Icon', 'Last Modified', 'Created'];
const RECYCLE_BIN = 'Recycle Bin';

export function parseKeePassXcCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    const path = get('Group').split('/').slice(1);
    const trashed = path[0] === RECYCLE_BIN;
    const updatedAt = isoTime(get('Last Modified'));
    const folder = (trashed ? path.slice(1) : path).join('/');
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          name: get('Title'),
          username: get('Username'),
          password: get('Password'),
          urls: toUrls([get('URL')]),
          notes: get('Notes'),
          folder: folder === '' ? null : folder,
          trashedAt: trashed ? (updatedAt ?? options.now ?? Date.now()) : null,
        },
        totp: get('TOTP'),
        unmapped: table.rest(row, COLUMNS),
        createdAt: isoTime(get('Created')),
        updatedAt,
      },
    );
  }
  return collector.result();
}
