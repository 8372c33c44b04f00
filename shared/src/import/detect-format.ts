// Guesses the format of a file from its first bytes, so the import screen can preselect it: KeePass
// databases by their signature, zip archives by the entries they list (nothing is inflated), JSON by
// its top-level members (a Bitwarden password-protected export too), CSV by its header row. Only a
// guess: the user can always choose, and the parser checks the real shape.
import Papa from 'papaparse';
import { stripBom } from './decode-text';
import type { ImportFormatId } from './registry';
import { createZipReader, looksLikeZip } from './read-zip';

const HEAD_BYTES = 64 * 1024;

/**
 * KDBX's signature: 0x9AA2D903 then 0xB54BFB67, little-endian. KeePass 1 (.kdb, second word
 * 0xB54BFB65) is claimed too, so the KeePass importer can say how to convert it.
 */
const KEEPASS_SIGNATURE = [0x03, 0xd9, 0xa2, 0x9a] as const;
const KEEPASS_SECOND = [
  [0x67, 0xfb, 0x4b, 0xb5],
  [0x65, 0xfb, 0x4b, 0xb5],
] as const;

export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormatId | null {
  if (looksLikeKeePass(bytes)) return 'kdbx';
  if (looksLikeZip(bytes)) return detectZip(bytes);
  const head = stripBom(new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES))).trimStart();
  if (head.startsWith('-----BEGIN PGP MESSAGE-----')) return /proton/i.test(fileName) ? 'proton-pass-json' : null;
  if (head.startsWith('{')) return detectJson(head);
  return detectCsv(head);
}

function looksLikeKeePass(bytes: Uint8Array): boolean {
  const at = (offset: number, expected: readonly number[]): boolean => expected.every((b, i) => bytes[offset + i] === b);
  return at(0, KEEPASS_SIGNATURE) && KEEPASS_SECOND.some((second) => at(4, second));
}

function detectZip(bytes: Uint8Array): ImportFormatId | null {
  try {
    const names = createZipReader(bytes).entries.map((e) => e.name);
    if (names.includes('export.data')) return '1password-1pux';
    if (names.some((n) => n.endsWith('Proton Pass/data.json'))) return 'proton-pass-zip';
    if (names.some((n) => n.toLowerCase().endsWith('credentials.csv'))) return 'dashlane-zip';
  } catch {
    // Damaged or over the limits: the parser will say why once a format is chosen.
  }
  return null;
}

/** Member names near the start; a full parse is the parser's job. */
function detectJson(head: string): ImportFormatId | null {
  const has = (member: string): boolean => head.includes(`"${member}"`);
  if (/"format"\s*:\s*"keyhold-export"/.test(head)) return 'keyhold';
  if (has('vaults') && (has('userId') || has('version'))) return 'proton-pass-json';
  if (has('items') || has('passwordProtected') || has('encKeyValidation_DO_NOT_EDIT')) return 'bitwarden-json';
  return null;
}

function detectCsv(head: string): ImportFormatId | null {
  const firstRow = Papa.parse<string[]>(head, { preview: 1, delimiter: ',' }).data[0] ?? [];
  const h = new Set(firstRow.map((c) => c.trim().toLowerCase()));
  const all = (...names: string[]): boolean => names.every((n) => h.has(n));
  if (all('login_uri', 'login_username', 'login_password')) return 'bitwarden-csv';
  if (all('url', 'username', 'password', 'extra', 'name', 'grouping')) return 'lastpass-csv';
  if (all('url', 'username', 'password', 'guid') && h.has('formactionorigin')) return 'firefox-csv';
  if (all('group', 'title', 'username', 'password', 'url', 'notes')) return 'keepassxc-csv';
  if (all('title', 'url', 'username', 'password') && (h.has('archived') || h.has('favorite') || h.has('tags'))) return '1password-csv';
  if (all('title', 'url', 'username', 'password') && h.has('otpauth')) return 'safari-csv';
  if (all('username', 'password', 'url', 'title') && (h.has('username2') || h.has('otpurl') || h.has('otpsecret') || h.has('category')))
    return 'dashlane-csv';
  if (all('name', 'url', 'username', 'password')) return 'chromium-csv';
  return null;
}
