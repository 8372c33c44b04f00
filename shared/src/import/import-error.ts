// Why a whole file cannot be imported: too large, malformed, encrypted, not the format chosen.
// Thrown by the parsers before anything is returned, so a refused file imports nothing. The
// message says what is wrong and where (line and column, entry name), never what the file holds:
// import files are full of secrets and these messages end up on screen and in bug reports.

export type ImportErrorDetail =
  | { code: 'file-too-large'; limitBytes: number }
  | { code: 'too-many-items'; limit: number }
  | { code: 'not-text'; encoding: string }
  | { code: 'malformed-json'; line: number; column: number }
  | { code: 'json-too-deep'; line: number; column: number; limit: number }
  | { code: 'malformed-csv'; line: number; problem: 'unclosed-quote' | 'stray-quote' | 'delimiter' }
  | { code: 'missing-columns'; columns: readonly string[] }
  | { code: 'wrong-shape'; expected: string; path: string }
  | { code: 'encrypted-export'; vendor: string }
  | { code: 'account-restricted-export' }
  | { code: 'zip-invalid' }
  | { code: 'zip-too-many-entries'; limit: number }
  | { code: 'zip-too-large'; entry: string; limitBytes: number }
  | { code: 'zip-ratio'; entry: string; limit: number }
  | { code: 'zip-missing-entry'; entry: string }
  | { code: 'unknown-format' };

export type ImportErrorCode = ImportErrorDetail['code'];

const MIB = 1024 * 1024;

function messageOf(detail: ImportErrorDetail): string {
  switch (detail.code) {
    case 'file-too-large':
      return `The file is larger than ${detail.limitBytes / MIB} MB, the most Keyhold imports at once. Export fewer items or split the file.`;
    case 'too-many-items':
      return `The file holds more than ${detail.limit} items, the most Keyhold imports at once. Split the export.`;
    case 'not-text':
      return `The file is not text in a known encoding (${detail.encoding}). Export it again as UTF-8 CSV or JSON.`;
    case 'malformed-json':
      return `The file is not valid JSON (line ${detail.line}, column ${detail.column}). Export it again; do not edit it by hand.`;
    case 'json-too-deep':
      return `The JSON nests deeper than ${detail.limit} levels at line ${detail.line}, column ${detail.column}; no real export does.`;
    case 'malformed-csv':
      return `The CSV is damaged at line ${detail.line} (${CSV_PROBLEMS[detail.problem]}). Export it again; do not edit it by hand.`;
    case 'missing-columns':
      return `The CSV has no ${detail.columns.map((c) => `"${c}"`).join(', ')} column. Check that you chose the right format.`;
    case 'wrong-shape':
      return `This is not a ${detail.expected} export (${detail.path} is missing or not what it should be). Check that you chose the right format.`;
    case 'encrypted-export':
      return `This ${detail.vendor} export is protected by a password. Importing it is not supported yet: export again without encryption.`;
    case 'account-restricted-export':
      return 'This Bitwarden export is encrypted with your Bitwarden account key and cannot be opened outside Bitwarden. Export again as "JSON" or as "JSON (Encrypted)" with the "Password protected" option.';
    case 'zip-invalid':
      return 'The file is not a readable zip archive. Export it again.';
    case 'zip-too-many-entries':
      return `The archive lists more than ${detail.limit} files; no real export does.`;
    case 'zip-too-large':
      return `"${detail.entry}" in the archive unpacks to more than ${detail.limitBytes / MIB} MB; no real export does.`;
    case 'zip-ratio':
      return `"${detail.entry}" in the archive is compressed more than ${detail.limit} times, which only a zip bomb is.`;
    case 'zip-missing-entry':
      return `The archive has no "${detail.entry}". Check that you chose the right format.`;
    case 'unknown-format':
      return 'Keyhold cannot tell which manager made this file. Choose the format by hand.';
  }
}

const CSV_PROBLEMS: Readonly<Record<'unclosed-quote' | 'stray-quote' | 'delimiter', string>> = {
  'unclosed-quote': 'a quoted value is never closed',
  'stray-quote': 'a quote inside a value that is not quoted',
  delimiter: 'the column separator cannot be found',
};

/** A file Keyhold refuses as a whole; `detail` says why, for the UI to branch on. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(readonly detail: ImportErrorDetail) {
    super(messageOf(detail));
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}
