/**
 * The Pwned Passwords range protocol (k-anonymity): a password's SHA-1 is split into a 5-hex-digit
 * prefix, which is the only part that leaves the device (GET /range/{PREFIX}), and a 35-digit
 * suffix, which is looked up locally in the answer: one `SUFFIX:COUNT` line per breached hash that
 * shares the prefix. With the `Add-Padding: true` request header the answer also carries random
 * lines with a count of 0, so its size says nothing about the prefix; they are not breaches and
 * are dropped here. Reference: haveibeenpwned.com/API/v3, "Searching by range" and "Padding".
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { utf8ToBytes } from '../crypto/bytes';

export const RANGE_PREFIX_LENGTH = 5;
const SUFFIX_LENGTH = 35;
const PREFIX_RE = /^[0-9A-F]{5}$/;
const LINE_RE = /^([0-9A-Fa-f]{35}):(\d{1,12})$/;
/** A real answer has about 800–1,000 lines (padded); far more is not a range answer. */
export const MAX_RANGE_LINES = 50_000;

export class RangeResponseError extends Error {
  override name = 'RangeResponseError';
}

/** A password's SHA-1 as the protocol writes it: 40 upper-case hex digits, split at 5. */
export function hashForRange(password: string): { prefix: string; suffix: string } {
  const hex = bytesToHex(sha1(utf8ToBytes(password))).toUpperCase();
  return { prefix: hex.slice(0, RANGE_PREFIX_LENGTH), suffix: hex.slice(RANGE_PREFIX_LENGTH) };
}

export function isRangePrefix(value: string): boolean {
  return PREFIX_RE.test(value);
}

/**
 * The breached suffixes of one range answer with their counts (upper case). Padding lines (count 0)
 * are left out. Blank lines and CRLF endings are accepted; any other line is an error, so a captive
 * portal's HTML or a wrong endpoint is reported rather than read as "not breached".
 */
export function parseRangeResponse(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_RANGE_LINES) throw new RangeResponseError('The range answer is too long.');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const match = LINE_RE.exec(line);
    if (!match) throw new RangeResponseError('The range answer is not in the Pwned Passwords format.');
    const count = Number(match[2]);
    if (count > 0) counts.set(match[1]!.toUpperCase(), count);
  }
  return counts;
}

/** How often `suffix` appears in breaches according to a parsed answer (0: not found). */
export function breachCountOf(counts: ReadonlyMap<string, number>, suffix: string): number {
  if (suffix.length !== SUFFIX_LENGTH) throw new RangeResponseError('A hash suffix has 35 hex digits.');
  return counts.get(suffix.toUpperCase()) ?? 0;
}
