// LastPass's CSV export: url, username, password, totp, extra, name, grouping, fav. Secure notes
// are rows whose url is "http://sn"; a note made from a template (card, address, bank account,
// server…) starts its `extra` with "NoteType:<template>" followed by "Key:Value" lines, "Notes:" last
// and running to the end (lastpass-notes.ts reads them). `grouping` is the folder path with
// backslashes. Sources: LastPass Support, "Export your LastPass vault data", and what the web
// vault's Advanced Options → Export writes.
import { createItemCollector, type CollectorOptions, type ImportResult, type ItemCollector } from '../collect-items';
import type { ImportLocation } from '../import-problem';
import { readCsv, requireColumns } from '../read-csv';
import { toUrls } from '../urls';
import { draftFromNote, parseNoteText } from './lastpass-notes';

const COLUMNS = ['url', 'username', 'password', 'totp', 'extra', 'name', 'grouping', 'fav'];
const SECURE_NOTE_URL = 'http://sn';

export function parseLastPassCsv(input: string, options: CollectorOptions = {}): ImportResult {
  const table = readCsv(input);
  requireColumns(table, ['url', 'username', 'password', 'extra', 'name', 'grouping']);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const get = (name: string): string => table.get(row, name);
    const common = { name: get('name'), folder: folderOf(get('grouping')), favorite: get('fav').trim() === '1' };
    const at = { line: row.line };
    const unmapped = table.rest(row, COLUMNS);
    if (get('url').trim() === SECURE_NOTE_URL) addNote(collector, at, common, get('extra'));
    else {
      collector.add(at, {
        type: 'login',
        fields: { ...common, username: get('username'), password: get('password'), urls: toUrls([get('url')]), notes: get('extra') },
        totp: get('totp'),
        unmapped,
      });
    }
  }
  return collector.result();
}

type Common = { name: string; folder: string | null; favorite: boolean };

function addNote(collector: ItemCollector, at: ImportLocation, common: Common, extra: string): void {
  const note = parseNoteText(extra);
  collector.add(at, note === null ? { type: 'note', fields: { ...common, text: extra } } : draftFromNote(note, common));
}

/** "Parent\Child" → "Parent/Child"; LastPass writes "(none)" for items outside any folder. */
function folderOf(grouping: string): string | null {
  const path = grouping.trim();
  return path === '' || path === '(none)' ? null : path.replace(/\\/g, '/');
}
