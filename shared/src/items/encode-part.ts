// Overview and details payloads as bytes for the crypto layer: UTF-8 JSON with a size limit per
// part. The limits keep every item within what the sync server accepts (protocol-primitives.ts,
// MAX_ITEM_CHARS: 1 MiB of base64url for all envelopes of an item) and keep unlock fast, since
// every overview is decrypted at unlock.

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

export function encodeItemPart(part: object, options: { kind: ItemPartKind }): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(part));
  const limit = LIMITS[options.kind];
  if (bytes.length > limit) throw new ItemTooLargeError(options.kind, bytes.length, limit);
  return bytes;
}

/**
 * Drops `__proto__` members while parsing: JSON.parse makes them own properties, but code that
 * later copies members with assignment would turn them into prototypes.
 */
function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

export function decodeItemPart(bytes: Uint8Array, options: { kind: ItemPartKind }): DecodeResult {
  const limit = LIMITS[options.kind];
  if (bytes.length > limit) return { ok: false, reason: `${options.kind} is larger than ${limit / 1024} KiB` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: `${options.kind} is not valid UTF-8` };
  }
  try {
    return { ok: true, value: JSON.parse(text, dropProtoKeys) as unknown };
  } catch {
    return { ok: false, reason: `${options.kind} is not valid JSON` };
  }
}
