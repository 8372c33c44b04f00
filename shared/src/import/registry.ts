// Every import format Keyhold reads, by id: its label for the format picker, whether it is a text,
// zip or KeePass file, and one entry point that takes the file's bytes, applies the size limits and
// decodes text before calling the format's parser. The UI and the CLI go through here. It is async
// because encrypted files (Bitwarden password-protected JSON, KeePass) derive keys first; a missing
// password is an ImportError with code 'password-required', which the UI answers by asking for one.
import type { CollectorOptions, ImportResult } from './collect-items';
import { decodeText } from './decode-text';
import { ImportError } from './import-error';
import { parseBitwardenCsv } from './formats/bitwarden-csv';
import { parseBitwardenFile } from './formats/bitwarden-protected-json';
import { parseChromiumCsv } from './formats/chromium-csv';
import { parseDashlaneCsv, parseDashlaneZip } from './formats/dashlane-csv';
import { parseFirefoxCsv } from './formats/firefox-csv';
import { parseGenericCsv, type ColumnMapping } from './formats/generic-csv';
import { parseKdbx } from './formats/kdbx';
import { parseKeePassXcCsv } from './formats/keepassxc-csv';
import { parseKeyholdExport } from './formats/keyhold';
import { parseLastPassCsv } from './formats/lastpass-csv';
import { parseOnePasswordPux } from './formats/onepassword-1pux';
import { parseOnePasswordCsv } from './formats/onepassword-csv';
import { parseProtonPassJson, parseProtonPassZip } from './formats/proton-pass';
import { parseSafariCsv } from './formats/safari-csv';

/** What the file's owner gave to open it; only encrypted formats read these. */
export type FileSecrets = {
  password?: string;
  /** A KeePass key file's bytes. */
  keyFile?: Uint8Array;
};

type Parsed = ImportResult | Promise<ImportResult>;
type TextFormat = { label: string; input: 'text'; parse: (text: string, options: CollectorOptions & FileSecrets) => Parsed };
type BytesFormat = { label: string; input: 'zip' | 'kdbx'; parse: (bytes: Uint8Array, options: CollectorOptions & FileSecrets) => Parsed };
type MappedFormat = { label: string; input: 'mapped-text' };

export const IMPORT_FORMATS = {
  'bitwarden-json': { label: 'Bitwarden (.json, also password-protected)', input: 'text', parse: parseBitwardenFile },
  'bitwarden-csv': { label: 'Bitwarden (.csv)', input: 'text', parse: parseBitwardenCsv },
  'chromium-csv': { label: 'Chrome, Edge, Brave, Opera (.csv)', input: 'text', parse: parseChromiumCsv },
  'firefox-csv': { label: 'Firefox (.csv)', input: 'text', parse: parseFirefoxCsv },
  'safari-csv': { label: 'Safari, Apple Passwords (.csv)', input: 'text', parse: parseSafariCsv },
  'lastpass-csv': { label: 'LastPass (.csv)', input: 'text', parse: parseLastPassCsv },
  '1password-csv': { label: '1Password (.csv)', input: 'text', parse: parseOnePasswordCsv },
  '1password-1pux': { label: '1Password (.1pux)', input: 'zip', parse: parseOnePasswordPux },
  kdbx: { label: 'KeePass, KeePassXC (.kdbx)', input: 'kdbx', parse: parseKdbx },
  'keepassxc-csv': { label: 'KeePassXC (.csv)', input: 'text', parse: parseKeePassXcCsv },
  keyhold: { label: 'Keyhold (encrypted export, .json)', input: 'text', parse: parseKeyholdExport },
  'proton-pass-json': { label: 'Proton Pass (.json)', input: 'text', parse: parseProtonPassJson },
  'proton-pass-zip': { label: 'Proton Pass (.zip)', input: 'zip', parse: parseProtonPassZip },
  'dashlane-csv': { label: 'Dashlane (.csv)', input: 'text', parse: parseDashlaneCsv },
  'dashlane-zip': { label: 'Dashlane (.zip of CSV files)', input: 'zip', parse: parseDashlaneZip },
  'generic-csv': { label: 'Other CSV (choose the columns)', input: 'mapped-text' },
} as const satisfies Record<string, TextFormat | BytesFormat | MappedFormat>;

export type ImportFormatId = keyof typeof IMPORT_FORMATS;
export const IMPORT_FORMAT_IDS = Object.keys(IMPORT_FORMATS) as ImportFormatId[];

export function isImportFormatId(value: string): value is ImportFormatId {
  return Object.hasOwn(IMPORT_FORMATS, value);
}

export type ParseFileOptions = CollectorOptions & FileSecrets & { mapping?: ColumnMapping; delimiter?: string };

/** Parses a file's bytes as the given format. Rejects with ImportError when the file is refused as a whole. */
export async function parseImportFile(format: ImportFormatId, bytes: Uint8Array, options: ParseFileOptions = {}): Promise<ImportResult> {
  const spec: TextFormat | BytesFormat | MappedFormat = IMPORT_FORMATS[format];
  switch (spec.input) {
    case 'zip':
    case 'kdbx':
      return spec.parse(bytes, options);
    case 'text':
      return spec.parse(decodeText(bytes), options);
    case 'mapped-text':
      if (options.mapping === undefined) throw new ImportError({ code: 'missing-columns', columns: ['(none mapped)'] });
      return parseGenericCsv(decodeText(bytes), { ...options, mapping: options.mapping });
  }
}
