// The password CSV of Chrome and the browsers built on it (Edge, Brave, Opera, Vivaldi):
// `name,url,username,password` and, since Chrome 117, `note`. Passwords saved for Android apps
// have an `android://…@com.example.app/` URL, kept as it is. Source: Chrome's password manager,
// Settings → Passwords → Export (chromium components/password_manager/core/browser/export/).
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { readCsv, requireColumns } from '../read-csv';
import { toUrls } from '../urls';

const COLUMNS = ['name', 'url', 'username', 'password', 'note'];

export function parseChromiumCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['url', 'username', 'password']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const url = table.get(row, 'url');
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          name: table.get(row, 'name') || hostOf(url),
          username: table.get(row, 'username'),
          password: table.get(row, 'password'),
          urls: toUrls([url]),
          notes: table.get(row, 'note'),
        },
        unmapped: table.rest(row, COLUMNS),
      },
    );
  }
  return collector.result();
}

/** A name for rows without one: the URL's host, or the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
