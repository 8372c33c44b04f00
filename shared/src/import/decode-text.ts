// Bytes of an export file to text: the size checked first, a UTF-8 or UTF-16 byte-order mark
// honoured and removed (Excel and Windows tools write them; a BOM left in would become part of the
// first column's name). Text parsers call assertTextSize on strings handed to them directly.
import { ImportError } from './import-error';
import { IMPORT_LIMITS } from './limits';

export function decodeText(bytes: Uint8Array, limitBytes: number = IMPORT_LIMITS.maxTextBytes): string {
  if (bytes.length > limitBytes) throw new ImportError({ code: 'file-too-large', limitBytes });
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  // Not fatal: a stray invalid byte in one note should not refuse a whole vault; it shows as U+FFFD.
  return stripBom(new TextDecoder(encoding).decode(bytes));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Strings are measured in UTF-16 units, at most twice the UTF-8 bytes of the same text. */
export function assertTextSize(text: string, limitBytes: number = IMPORT_LIMITS.maxTextBytes): void {
  if (text.length > limitBytes) throw new ImportError({ code: 'file-too-large', limitBytes });
}
