// Any CSV of logins, with the user saying which column holds what (the import screen's mapping
// step, or the CLI's --map). Columns not mapped are kept as custom fields, so a mapping that
// misses a column loses nothing. Rows become logins; a column mapped to `type` may say "note".
import { createItemCollector, type CollectorOptions, type ImportResult } from '../collect-items';
import { ImportError } from '../import-error';
import { readCsv, requireColumns } from '../read-csv';
import { splitUrls, toUrls } from '../urls';

export const GENERIC_TARGETS = ['name', 'url', 'username', 'password', 'totp', 'notes', 'folder', 'tags', 'favorite', 'type'] as const;
export type GenericTarget = (typeof GENERIC_TARGETS)[number];
/** Keyhold field → the CSV column (header) that holds it. */
export type ColumnMapping = Partial<Record<GenericTarget, string>>;

export type GenericCsvOptions = CollectorOptions & { mapping: ColumnMapping; delimiter?: string };

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV file, from its header row: the one of comma, semicolon and tab that occurs
 * most outside quotes (spreadsheets in many locales write semicolons); a comma when none does.
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text.slice(0, 64 * 1024)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

export function parseGenericCsv(input: string, options: GenericCsvOptions): ImportResult {
  const table = readCsv(input, { delimiter: options.delimiter ?? sniffDelimiter(input) });
  const columns = Object.values(options.mapping).filter((c): c is string => typeof c === 'string' && c !== '');
  if (columns.length === 0) throw new ImportError({ code: 'missing-columns', columns: ['(none mapped)'] });
  requireColumns(table, columns);
  const collector = createItemCollector(options);
  for (const row of table.rows) {
    const get = (target: GenericTarget): string => {
      const column = options.mapping[target];
      return column === undefined ? '' : table.get(row, column);
    };
    const common = {
      name: get('name'),
      folder: get('folder').trim() || null,
      tags: get('tags')
        .split(/[,;]/)
        .map((t) => t.trim())
        .filter((t) => t !== ''),
      favorite: ['1', 'true', 'yes', 'x'].includes(get('favorite').trim().toLowerCase()),
    };
    const unmapped = table.rest(row, columns);
    if (get('type').trim().toLowerCase() === 'note') {
      collector.add({ line: row.line }, { type: 'note', fields: { ...common, text: get('notes') }, unmapped });
      continue;
    }
    collector.add(
      { line: row.line },
      {
        type: 'login',
        fields: {
          ...common,
          username: get('username'),
          password: get('password'),
          urls: toUrls(splitUrls(get('url'), /\r?\n/)),
          notes: get('notes'),
        },
        totp: get('totp'),
        customFields: unmapped,
      },
    );
  }
  return collector.result();
}

/** "name=Title,url=Web Site" (the CLI's --map) → a mapping; unknown targets are refused. */
export function parseColumnMapping(text: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    const target = pair.slice(0, eq).trim();
    if (eq === -1 || !(GENERIC_TARGETS as readonly string[]).includes(target)) {
      throw new Error(`Bad mapping "${pair}": use target=Column with a target among ${GENERIC_TARGETS.join(', ')}.`);
    }
    mapping[target as GenericTarget] = pair.slice(eq + 1).trim();
  }
  return mapping;
}
