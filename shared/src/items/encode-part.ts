// Overview and details payloads as bytes for the crypto layer: UTF-8 JSON with a size limit per
// part. The limits keep every item within what the sync server accepts (protocol-primitives.ts,
// MAX_ITEM_CHARS: 1 MiB of base64url for all envelopes of an item) and keep unlock fast, since
// every overview is decrypted at unlock.
//
// Padding: the server sees every envelope's length, and without padding that is the length of the
// username and password (one byte per character) and a password change is a visible jump. Each
// part is padded with JSON whitespace to a size bucket (paddedSize) before it is sealed: JSON.parse
// ignores trailing whitespace, so padded and unpadded parts read the same everywhere, in every
// version. What the server can still see is listed in docs/architecture.md ("What the server sees").

export const OVERVIEW_MAX_BYTES = 64 * 1024;
export const DETAILS_MAX_BYTES = 512 * 1024;

export type ItemPartKind = 'overview' | 'details';
export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: string };

const LIMITS: Record<ItemPartKind, number> = { overview: OVERVIEW_MAX_BYTES, details: DETAILS_MAX_BYTES };

/** Thrown when an item is too big to save; the message says what to do. */
export class ItemTooLargeError extends Error {
  override readonly name = 'ItemTooLargeError';
  constructor(
    readonly part: ItemPartKind,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `This item is too large to save: its ${part} is ${Math.ceil(bytes / 1024)} KiB and the limit is ` +
        `${limit / 1024} KiB. Shorten its notes or move large text into another item.`,
    );
  }
}

/** Parts this small or smaller are all padded to this size. */
export const MIN_PADDED_BYTES = 256;
/** Up to this size parts are padded to the next power of two; above it, to Padmé's coarser steps. */
const POWER_OF_TWO_UP_TO = 4096;

/**
 * The size a part of `length` bytes is padded to: at least 256 bytes, the next power of two up to
 * 4 KiB (a login's overview and details fall in two or three buckets whatever their secrets), then
 * Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with
 * PURBs", 2019): at most 12 % more, leaking O(log log L) bits of the length. Never more than the
 * part's limit, which is a power of two.
 */
export function paddedSize(length: number): number {
  if (length <= MIN_PADDED_BYTES) return MIN_PADDED_BYTES;
  if (length <= POWER_OF_TWO_UP_TO) return 2 ** Math.ceil(Math.log2(length));
  const e = Math.floor(Math.log2(length));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = 2 ** (e - s);
  return Math.ceil(length / step) * step;
}

export function encodeItemPart(part: object, options: { kind: ItemPartKind }): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(part));
  const limit = LIMITS[options.kind];
  if (json.length > limit) throw new ItemTooLargeError(options.kind, json.length, limit);
  const padded = new Uint8Array(Math.min(paddedSize(json.length), limit)).fill(0x20);
  padded.set(json);
  return padded;
}

/**
 * Drops `__proto__` members while parsing: JSON.parse makes them own properties, but code that
 * later copies members with assignment would turn them into prototypes.
 */
function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/**
 * Whether `text` may hold a `__proto__` member: spelled out, or written with escapes (`\u005f…`).
 * Nearly no part has either, and those parse without a reviver — several times faster (a first
 * sync parses 10,000 overviews).
 */
function mayNameProto(text: string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeItemPart(bytes: Uint8Array, options: { kind: ItemPartKind }): DecodeResult {
  const limit = LIMITS[options.kind];
  if (bytes.length > limit) return { ok: false, reason: `${options.kind} is larger than ${limit / 1024} KiB` };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, reason: `${options.kind} is not valid UTF-8` };
  }
  try {
    return { ok: true, value: (mayNameProto(text) ? JSON.parse(text, dropProtoKeys) : JSON.parse(text)) as unknown };
  } catch {
    return { ok: false, reason: `${options.kind} is not valid JSON` };
  }
}
