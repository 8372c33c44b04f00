// CSV text for every export Keyhold writes: RFC 4180 (a cell with a comma, a quote or a line break is
// quoted, quotes doubled, CRLF between records), and every cell neutralised against formula injection
// first. A spreadsheet program that opens an exported CSV runs a cell starting with "=", "+", "-" or "@"
// (and, in some programs, one starting with a tab or a carriage return) as a formula — which can fetch
// URLs with the cell values of other columns (passwords) or run commands. OWASP, "CSV Injection":
// prefix such cells with a single quote, which makes the program show them as text.
// https://owasp.org/www-community/attacks/CSV_Injection
//
// The price: a value that really starts with one of these characters (a password "-x9…", a note
// "= total") is exported with a leading "'". Importers that know this convention strip it; the JSON
// exports are exact.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it rather than run it. */
export function neutralizeCsvCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The one way exports write CSV: a header row, then the rows, each cell neutralised and quoted. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => cells.map((cell) => quote(neutralizeCsvCell(cell))).join(',');
  return [header, ...rows].map(line).join('\r\n') + '\r\n';
}
