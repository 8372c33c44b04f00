// Safari's and Apple Passwords' CSV export: Title, URL, Username, Password, Notes, OTPAuth (an
// otpauth:// URI when the login has a verification code). Source: Apple Support, "Export passwords
// and passkeys in Safari on Mac" and the files macOS 14+ writes.
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { readCsv, requireColumns } from '../read-csv';
import { toUrls } from '../urls';
import { hostOf } from './chromium-csv';

const COLUMNS = ['Title', 'URL', 'Username', 'Password', 'Notes', 'OTPAuth'];

export function parseSafariCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['Title', 'URL', 'Username', 'Password']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          name: get('Title') || hostOf(get('URL')),
          username: get('Username'),
          password: get('Password'),
          urls: toUrls([get('URL')]),
          notes: get('Notes'),
        },
        totp: get('OTPAuth'),
        unmapped: table.rest(row, COLUMNS),
      },
    );
  }
  return collector.result();
}
