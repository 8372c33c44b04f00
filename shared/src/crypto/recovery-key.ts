// The recovery key: 32 random bytes, shown once at vault creation, that can re-wrap the vault key
// under a new master password. Text form, built for being written on paper and typed back:
// - Crockford base32 (https://www.crockford.com/base32.html): digits and capitals without I, L, O, U;
//   reading is tolerant of case, spaces, dashes, and I/L→1, O→0;
// - 52 data symbols (256 key bits + 4 zero bits) then 6 check symbols = 58 symbols, shown in groups of 4;
// - the checksum is the BCH code of BIP-173 (bech32) over GF(32), computed over a context prefix and the
//   data: it is guaranteed to detect any error touching up to 4 symbols (so every single-symbol typo and
//   every swap of two symbols) and misses other errors with probability about 2^-30.
// Errors say which problem it is: an impossible character, the wrong number of characters, or a typo.
import { _assertBytes, randomBytes } from './bytes.ts';
import { RecoveryKeyError } from './errors.ts';

export const RECOVERY_KEY_BYTES = 32;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_SYMBOLS = Math.ceil((RECOVERY_KEY_BYTES * 8) / 5);
const CHECK_SYMBOLS = 6;
export const RECOVERY_KEY_SYMBOLS = DATA_SYMBOLS + CHECK_SYMBOLS;
const GROUP = 4;
/** Binds the checksum to this use, so another bech32-style string never verifies as a recovery key. */
const CONTEXT = 'keyhold-rk1';

// BIP-173 "Checksum": generator of the BCH code, and polymod over GF(32).
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function _polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk;
}

// BIP-173 hrp expansion: high bits, a zero separator, low bits of each context character.
const CONTEXT_VALUES = [...Array.from(CONTEXT, (c) => c.charCodeAt(0) >>> 5), 0, ...Array.from(CONTEXT, (c) => c.charCodeAt(0) & 31)];

function _checksum(data: readonly number[]): number[] {
  const mod = _polymod([...CONTEXT_VALUES, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  return Array.from({ length: CHECK_SYMBOLS }, (_, i) => (mod >>> (5 * (CHECK_SYMBOLS - 1 - i))) & 31);
}

function _bytesToSymbols(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** Inverse of _bytesToSymbols; null if the padding bits are not zero (not a canonical encoding). */
function _symbolsToBytes(symbols: readonly number[]): Uint8Array | null {
  const out = new Uint8Array(RECOVERY_KEY_BYTES);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const s of symbols) {
    acc = ((acc << 5) | s) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 255;
    }
  }
  return (acc & ((1 << bits) - 1)) === 0 ? out : null;
}

export function generateRecoveryKey(): Uint8Array {
  return randomBytes(RECOVERY_KEY_BYTES);
}

/** "XXXX-XXXX-…-XX": 58 symbols in groups of 4. */
export function encodeRecoveryKey(recoveryKey: Uint8Array): string {
  _assertBytes(recoveryKey, 'recoveryKey', RECOVERY_KEY_BYTES);
  const data = _bytesToSymbols(recoveryKey);
  const text = [...data, ..._checksum(data)].map((s) => ALPHABET[s]!).join('');
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += GROUP) groups.push(text.slice(i, i + GROUP));
  return groups.join('-');
}

const SEPARATORS = /[\s\p{Pd}]/gu;
const LOOKALIKES: Record<string, string> = { I: '1', L: '1', O: '0' };

export function decodeRecoveryKey(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('recovery key text must be a string');
  // NFKC first so full-width characters from some keyboards and IMEs read as their ASCII forms.
  const cleaned = text.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
  const symbols: number[] = [];
  for (const char of cleaned) {
    const value = ALPHABET.indexOf(LOOKALIKES[char] ?? char);
    if (value < 0) {
      throw new RecoveryKeyError(
        'invalid-character',
        `The recovery key contains "${char}", which never appears in a recovery key. Recovery keys use only the digits 0–9 and the letters A–Z except U.`,
        { character: char },
      );
    }
    symbols.push(value);
  }
  if (symbols.length !== RECOVERY_KEY_SYMBOLS) {
    throw new RecoveryKeyError(
      'wrong-length',
      `A recovery key has ${RECOVERY_KEY_SYMBOLS} characters (not counting dashes), but this one has ${symbols.length}. Check that you copied all of it, and nothing else.`,
      { expected: RECOVERY_KEY_SYMBOLS, actual: symbols.length },
    );
  }
  const data = symbols.slice(0, DATA_SYMBOLS);
  const bytes = _polymod([...CONTEXT_VALUES, ...symbols]) === 1 ? _symbolsToBytes(data) : null;
  if (bytes === null) {
    throw new RecoveryKeyError(
      'typo',
      'The recovery key has a typo: its check characters do not match. Compare it group by group with your saved copy.',
    );
  }
  return bytes;
}
