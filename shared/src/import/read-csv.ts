// CSV exports read with papaparse (RFC 4180 quoting, embedded newlines, CRLF), plus what every CSV
// importer needs on top: the header row, columns found by name whatever their case or order, each
// row's starting line for problem reports, short rows padded, and the columns no importer knows
// returned as fields so they can be kept instead of dropped. Quote errors refuse the file: a
// misplaced quote shifts values between columns, and a password must not land in a URL column.
import Papa from 'papaparse';
import { ImportError } from './import-error';
import { assertTextSize, stripBom } from './decode-text';
import type { DraftField } from './item-draft';

export type CsvRow = { line: number; cells: readonly string[] };

export type CsvTable = {
  headers: readonly string[];
  rows: readonly CsvRow[];
  /** Whether a column of this name (case and surrounding spaces ignored) exists. */
  has(name: string): boolean;
  /** The cell of the first column with this name, '' when the column or the cell is missing. */
  get(row: CsvRow, name: string): string;
  /** Non-empty cells of columns not in `known` (and cells past the last header), as named fields. */
  rest(row: CsvRow, known: readonly string[]): DraftField[];
};

export type ReadCsvOptions = { delimiter?: string };

const key = (name: string): string => name.trim().toLowerCase();

export function readCsv(input: string, options: ReadCsvOptions = {}): CsvTable {
  assertTextSize(input);
  const text = stripBom(input);
  const rows: CsvRow[] = [];
  let line = 1;
  let scanned = 0;
  // Filled inside papaparse's callback; a list so TypeScript does not narrow it to its initial value.
  const failures: ImportError[] = [];
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? ',',
    skipEmptyLines: false,
    step(result, parser) {
      const start = line;
      const end = Math.min(result.meta.cursor, text.length);
      for (let i = scanned; i < end; i++) if (text.charCodeAt(i) === 0x0a) line++;
      scanned = end;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError !== undefined) {
        failures.push(
          new ImportError({ code: 'malformed-csv', line: start, problem: quoteError.code === 'MissingQuotes' ? 'unclosed-quote' : 'stray-quote' }),
        );
        parser.abort();
        return;
      }
      rows.push({ line: start, cells: result.data });
    },
  });
  const [failure] = failures;
  if (failure !== undefined) throw failure;
  const [header, ...body] = rows;
  const headers = (header?.cells ?? []).map((h) => h.trim());
  const columns = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!columns.has(key(h))) columns.set(key(h), i);
  });
  const isBlank = (row: CsvRow): boolean => row.cells.every((c) => c.trim() === '');

  return {
    headers,
    rows: body.filter((row) => !isBlank(row)),
    has: (name) => columns.has(key(name)),
    get(row, name) {
      const index = columns.get(key(name));
      return index === undefined ? '' : (row.cells[index] ?? '');
    },
    rest(row, known) {
      const knownKeys = new Set(known.map(key));
      return row.cells.flatMap((value, i) => {
        const name = headers[i] ?? '';
        if (value.trim() === '' || (i < headers.length && knownKeys.has(key(name)))) return [];
        return [{ name: i < headers.length && name !== '' ? name : `Column ${i + 1}`, value, kind: 'text' as const }];
      });
    },
  };
}

/** Refuses a file that lacks columns the format always has (usually the wrong format chosen). */
export function requireColumns(table: CsvTable, names: readonly string[]): void {
  const missing = names.filter((name) => !table.has(name));
  if (missing.length > 0) throw new ImportError({ code: 'missing-columns', columns: missing });
}
