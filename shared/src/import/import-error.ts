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
  /** The file is encrypted and no password (or KeePass key file) was given: the UI asks for one. */
  | { code: 'password-required'; vendor: 'Bitwarden' | 'KeePass' | 'Keyhold'; keyFile: boolean }
  /** Any failure to open an encrypted file: a wrong password or key file and a damaged file look the same. */
  | { code: 'wrong-password-or-damaged' }
  /** Key-derivation settings no real export has; refused before any work so a file cannot stall the browser. */
  | { code: 'kdf-out-of-range'; setting: KdfSetting }
  | { code: 'unsupported-encryption'; what: UnsupportedEncryption }
  | { code: 'zip-invalid' }
  | { code: 'zip-too-many-entries'; limit: number }
  | { code: 'zip-too-large'; entry: string; limitBytes: number }
  | { code: 'zip-ratio'; entry: string; limit: number }
  | { code: 'zip-missing-entry'; entry: string }
  | { code: 'unknown-format' };

export type ImportErrorCode = ImportErrorDetail['code'];

export type KdfSetting = 'iterations' | 'memory' | 'parallelism' | 'rounds';

/** What an encrypted file uses that Keyhold cannot open; each has its own advice in the message. */
export type UnsupportedEncryption = 'bitwarden-kdf' | 'bitwarden-cipher' | 'kdbx-version' | 'kdb-1' | 'kdbx-cipher' | 'kdbx-kdf' | 'argon2-version';

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
    case 'password-required':
      return detail.keyFile
        ? `This ${detail.vendor} file is locked. Enter its password, choose its key file, or both, as you do to open it in ${detail.vendor}.`
        : `This ${detail.vendor} export is protected by a password. Enter the password you chose when you exported it.`;
    case 'wrong-password-or-damaged':
      return 'Wrong password or damaged file. Check the password (and the key file, if the file has one) and try again; if it still fails, export the file again.';
    case 'kdf-out-of-range':
      return `The file's key-derivation settings (${detail.setting}) are outside what Keyhold will run, so it was not opened: real exports stay far below this, and a file made to stall the browser does not. If you made the file yourself, lower the key-derivation settings and export it again.`;
    case 'unsupported-encryption':
      return UNSUPPORTED[detail.what];
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

const UNSUPPORTED: Readonly<Record<UnsupportedEncryption, string>> = {
  'bitwarden-kdf':
    'This Bitwarden export uses a key-derivation method Keyhold does not know. Export again with a password from a current Bitwarden version.',
  'bitwarden-cipher':
    'This Bitwarden export is encrypted in a way Keyhold does not know. Export again with a password from a current Bitwarden version.',
  'kdbx-version': 'This KeePass database is in a KDBX version Keyhold cannot read (it reads KDBX 3.1 and 4). Save it again in KeePass or KeePassXC.',
  'kdb-1': 'This is a KeePass 1 database (.kdb). Open it in KeePassXC or KeePass 2, save it as .kdbx, and import that.',
  'kdbx-cipher':
    'This KeePass database uses a cipher Keyhold cannot read (it reads AES-256 and ChaCha20, not Twofish). Change the encryption in KeePass or KeePassXC to AES-256 or ChaCha20 and save it again.',
  'kdbx-kdf':
    'This KeePass database uses a key-derivation setting Keyhold cannot read. Change it in KeePass or KeePassXC to Argon2 or AES-KDF and save it again.',
  'argon2-version':
    'This KeePass database uses Argon2 version 1.0, which Keyhold cannot run. Change the key-derivation settings in KeePass or KeePassXC and save it again.',
};

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
