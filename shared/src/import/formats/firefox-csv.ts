// Firefox's "Export Logins…" CSV (about:logins): url, username, password, httpRealm,
// formActionOrigin, guid, timeCreated, timeLastUsed, timePasswordChanged, the times in ms since
// the epoch. The URL is an origin only; the name is its host. Source: Firefox's LoginExport.sys.mjs
// (toolkit/components/passwordmgr).
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { field } from '../item-draft';
import { readCsv, requireColumns } from '../read-csv';
import { toUrls } from '../urls';
import { hostOf } from './chromium-csv';

const COLUMNS = ['url', 'username', 'password', 'httpRealm', 'formActionOrigin', 'guid', 'timeCreated', 'timeLastUsed', 'timePasswordChanged'];

export function parseFirefoxCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['url', 'username', 'password', 'guid']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    const url = get('url');
    const action = get('formActionOrigin');
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          name: hostOf(url),
          username: get('username'),
          password: get('password'),
          urls: toUrls([url, ...(action.startsWith('http') ? [action] : [])]),
        },
        // The HTTP authentication realm says which protected area of the site this is for.
        unmapped: [...field('HTTP realm', get('httpRealm')), ...table.rest(row, COLUMNS)],
        createdAt: msOf(get('timeCreated')),
        updatedAt: msOf(get('timePasswordChanged')),
      },
    );
  }
  return collector.result();
}

function msOf(text: string): number | null {
  return /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : null;
}
