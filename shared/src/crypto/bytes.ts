// Byte helpers for the crypto core: strict base64url (RFC 4648 §5, no padding), UTF-8, concatenation,
// constant-time comparison, zeroing and CSPRNG bytes. Pure ECMAScript plus the WHATWG Encoding API and
// `crypto.getRandomValues`, which exist in browsers, extension workers and Node ≥ 20.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const asciiDecoder = new TextDecoder();

/** Throws a TypeError unless `value` is a Uint8Array (of `length` bytes, when given). */
export function _assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new TypeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

/** base64url without padding (RFC 4648 §5). */
export function bytesToBase64url(bytes: Uint8Array): string {
  _assertBytes(bytes, 'bytes');
  // The browser's own encoder where there is one (Chromium 140, Firefox 133): the same text.
  const toBase64 = (bytes as unknown as { toBase64?: ToBase64 }).toBase64;
  if (typeof toBase64 === 'function') return toBase64.call(bytes, { alphabet: 'base64url', omitPadding: true });
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    out[o++] = ENCODE[(n >>> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out[o++] = ENCODE[n >>> 18]!;
    out[o++] = ENCODE[(n >>> 12) & 63]!;
    if (i + 1 < bytes.length) out[o++] = ENCODE[(n >>> 6) & 63]!;
  }
  return asciiDecoder.decode(out);
}

type ToBase64 = (options: { alphabet: 'base64url'; omitPadding: true }) => string;
type FromBase64 = (text: string, options: { alphabet: 'base64url'; lastChunkHandling: 'loose' }) => Uint8Array;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/**
 * The browser's own decoder (Uint8Array.fromBase64: Chromium 140, Firefox 133), about ten times
 * faster than the loop below on the 14 MB of envelopes a first sync of 10,000 items opens, held to
 * the same rules: its 'loose' mode takes padding and whitespace and ignores unused trailing bits,
 * so the alphabet and the trailing bits are checked here first.
 */
function nativeDecode(fromBase64: FromBase64, text: string, rest: number): Uint8Array {
  if (!URL_SAFE.test(text)) throw new SyntaxError('invalid base64url');
  if (rest > 0) {
    // The last character's unused low bits: 4 of them after 2 characters, 2 after 3.
    const last = DECODE[text.charCodeAt(text.length - 1)]!;
    if ((rest === 2 ? last & 15 : last & 3) !== 0) throw new SyntaxError('invalid base64url');
  }
  return fromBase64.call(Uint8Array, text, { alphabet: 'base64url', lastChunkHandling: 'loose' });
}

/**
 * Strict base64url decoding: only the URL-safe alphabet, no padding, no whitespace, and only the
 * canonical encoding (unused trailing bits must be zero, RFC 4648 §3.5), so each byte string has
 * exactly one accepted text form.
 */
export function base64urlToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('base64url input must be a string');
  const rest = text.length % 4;
  if (rest === 1) throw new SyntaxError('invalid base64url: impossible length');
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;
  if (typeof fromBase64 === 'function') return nativeDecode(fromBase64, text, rest);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let bad = 0;
  let i = 0;
  const full = text.length - rest;
  // Characters outside the alphabet (or outside ASCII) map to -1; OR-ing all sextets makes `bad` negative.
  const at = (k: number): number => {
    const code = text.charCodeAt(k);
    return code < 128 ? DECODE[code]! : -1;
  };
  for (; i < full; i += 4) {
    const a = at(i);
    const b = at(i + 1);
    const c = at(i + 2);
    const d = at(i + 3);
    bad |= a | b | c | d;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  if (rest > 0) {
    const a = at(i);
    const b = at(i + 1);
    const c = rest === 3 ? at(i + 2) : 0;
    bad |= a | b | c;
    const n = (a << 18) | (b << 12) | (c << 6);
    // Unused trailing bits must be zero: otherwise two texts would decode to the same bytes.
    if ((rest === 2 ? n & 0xffff : n & 0xff) !== 0) bad = -1;
    out[o++] = n >>> 16;
    if (rest === 3) out[o++] = (n >>> 8) & 255;
  }
  if (bad < 0) throw new SyntaxError('invalid base64url');
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('utf8 input must be a string');
  return encoder.encode(text);
}

/** Decodes UTF-8, throwing on malformed input instead of inserting U+FFFD. */
export function bytesToUtf8(bytes: Uint8Array): string {
  _assertBytes(bytes, 'bytes');
  return decoder.decode(bytes);
}

export function concatBytes(...arrays: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const a of arrays) {
    _assertBytes(a, 'concatBytes argument');
    length += a.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** Compares in time independent of where the inputs differ (only their lengths leak). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  _assertBytes(a, 'a');
  _assertBytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Overwrites key material with zeros. JS cannot promise no copies exist; this removes ours. */
export function zeroize(...buffers: Uint8Array[]): void {
  for (const b of buffers) b.fill(0);
}

// getRandomValues refuses more than 65,536 bytes per call (WebCrypto §10.1.1, QuotaExceededError).
const MAX_RANDOM_CHUNK = 65536;

export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new TypeError('randomBytes length must be a non-negative integer');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += MAX_RANDOM_CHUNK) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + MAX_RANDOM_CHUNK)));
  }
  return out;
}
