// The ciphertext envelope, version 1, and the associated data that binds it to its place.
//
// Binary layout (then base64url, RFC 4648 §5, for JSON):
//   [version = 1 : 1 byte][algorithm = 1 (AES-256-GCM) : 1 byte][nonce : 12 bytes][ciphertext ‖ tag : n + 16 bytes]
// The 96-bit nonce is random per encryption; NIST SP 800-38D §8.3 bounds one key to 2^32 random-nonce
// encryptions, far beyond any vault (each item has its own key, the vault key wraps only item keys).
//
// Associated data (authenticated, not stored) makes a ciphertext valid only in its place:
//   version ‖ algorithm ‖ len32(purpose) ‖ purpose ‖ len32(accountId) ‖ accountId ‖ hasItem ‖ [len32(itemId) ‖ itemId]
//   and, in envelope version 2 (an item's overview and details since ADR 0023), ‖ the write's 16-byte
//   version: a digest of the item key wrapped for that write (seal-item.ts), so the parts of one write
//   open only beside that write's key, never beside another write's.
// Every variable field is length-prefixed (big-endian u32 of its UTF-8 length), so no two different
// bindings encode to the same bytes (e.g. accountId "a|b" + itemId "c" vs "a" + "b|c"). The header bytes
// come from the envelope itself, so a changed version/algorithm byte also breaks the tag.
import { ZeroKeyError } from './errors.ts';
import { _assertBytes, base64urlToBytes, bytesToBase64url, concatBytes } from './bytes.ts';

export const ENVELOPE_VERSION = 1;
/** Envelope version whose associated data also names the write the part belongs to (Binding.version). */
export const ENVELOPE_VERSION_BOUND = 2;
export const WRITE_VERSION_BYTES = 16;
export const ALGORITHM_AES_256_GCM = 1;
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const HEADER_BYTES = 2;
export const MIN_ENVELOPE_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;

/**
 * Largest plaintext sealed. The biggest are a whole-vault export and the overview index's body (one
 * record of every item's overview: about 35 MB for 100,000 realistic items, which 32 MiB refused).
 */
export const MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024;
/** Longest envelope text open() will even try to decode; longer input is rejected unread. */
export const MAX_ENVELOPE_CHARS = Math.ceil(((MIN_ENVELOPE_BYTES + MAX_PLAINTEXT_BYTES) * 4) / 3);

export const PURPOSES = [
  'vault-key',
  'vault-key-recovery',
  'item-key',
  'item-overview',
  'item-details',
  'overview-index',
  'manifest',
  'generator-history',
  'export',
  'settings',
  'index-snapshot',
] as const;

export type Purpose = (typeof PURPOSES)[number];

/** Purposes whose ciphertexts belong to one item and so must name it. */
const ITEM_PURPOSES: ReadonlySet<Purpose> = new Set<Purpose>(['item-key', 'item-overview', 'item-details']);

/**
 * `version`: the write an item part belongs to (overview and details only). Sealing with it makes a
 * version-2 envelope; opening with it also opens a version-1 envelope (sealed before versions), whose
 * associated data never had one.
 */
export type Binding = { purpose: Purpose; accountId: string; itemId?: string; version?: Uint8Array };

const VERSIONED_PURPOSES: ReadonlySet<Purpose> = new Set<Purpose>(['item-overview', 'item-details']);

/** Programmer errors (not attacker input): a binding that cannot be encoded unambiguously. */
export function assertBinding(binding: Binding): void {
  if (typeof binding !== 'object' || binding === null) throw new TypeError('binding must be an object');
  if (!(PURPOSES as readonly string[]).includes(binding.purpose)) {
    throw new TypeError(`unknown purpose: ${String(binding.purpose)}`);
  }
  if (typeof binding.accountId !== 'string' || binding.accountId === '') {
    throw new TypeError('binding.accountId must be a non-empty string');
  }
  if (binding.itemId !== undefined && (typeof binding.itemId !== 'string' || binding.itemId === '')) {
    throw new TypeError('binding.itemId must be a non-empty string when present');
  }
  if (ITEM_PURPOSES.has(binding.purpose) && binding.itemId === undefined) {
    throw new TypeError(`purpose ${binding.purpose} needs binding.itemId`);
  }
  if (binding.version !== undefined) {
    if (!VERSIONED_PURPOSES.has(binding.purpose)) throw new TypeError(`purpose ${binding.purpose} takes no binding.version`);
    if (!(binding.version instanceof Uint8Array) || binding.version.length !== WRITE_VERSION_BYTES) {
      throw new TypeError(`binding.version must be ${WRITE_VERSION_BYTES} bytes`);
    }
  }
}

const adEncoder = new TextEncoder();

/**
 * The AEAD associated data for `binding` under an envelope header (defaults: the current format):
 * [version][algorithm] ‖ len‖purpose ‖ len‖accountId ‖ (0 | 1 ‖ len‖itemId) ‖ (write version, in
 * version 2), each len a u32 BE of the UTF-8 bytes. Written into one array: a first sync opens
 * 30,000 parts, and building each from eight small arrays was a tenth of its time.
 */
export function encodeAssociatedData(
  binding: Binding,
  header: { version: number; algorithm: number } = { version: envelopeVersionFor(binding), algorithm: ALGORITHM_AES_256_GCM },
): Uint8Array {
  assertBinding(binding);
  const bound = header.version === ENVELOPE_VERSION_BOUND;
  // Fixed length, and only in version 2, whose header byte is itself in the associated data: a
  // version-2 part cannot be passed off as version 1 (or the reverse) without breaking its tag.
  if (bound && binding.version === undefined) throw new TypeError('a version-2 envelope needs binding.version');
  const { purpose, accountId, itemId } = binding;
  // UTF-8 takes at most 3 bytes per UTF-16 unit; the exact length is what encodeInto writes.
  const most =
    2 +
    4 +
    3 * purpose.length +
    4 +
    3 * accountId.length +
    1 +
    (itemId === undefined ? 0 : 4 + 3 * itemId.length) +
    (bound ? binding.version!.length : 0);
  const out = new Uint8Array(most);
  const view = new DataView(out.buffer);
  out[0] = header.version;
  out[1] = header.algorithm;
  let at = 2;
  const put = (text: string) => {
    // Ids and purposes are ASCII: copied unit by unit, which costs a tenth of an encodeInto call
    // into a fresh view (30,000 parts, three texts each, in a first sync).
    let written = 0;
    const start = at + 4;
    for (; written < text.length; written++) {
      const unit = text.charCodeAt(written);
      if (unit >= 0x80) break;
      out[start + written] = unit;
    }
    if (written < text.length) written = adEncoder.encodeInto(text, out.subarray(start)).written;
    view.setUint32(at, written);
    at += 4 + written;
  };
  put(purpose);
  put(accountId);
  if (itemId === undefined) out[at++] = 0;
  else {
    out[at++] = 1;
    put(itemId);
  }
  if (bound) {
    out.set(binding.version!, at);
    at += binding.version!.length;
  }
  return out.subarray(0, at);
}

/** The envelope version a binding seals to: 2 when it names the write, else 1. */
export function envelopeVersionFor(binding: Binding): number {
  return binding.version === undefined ? ENVELOPE_VERSION : ENVELOPE_VERSION_BOUND;
}

export type ParsedEnvelope = { version: number; algorithm: number; nonce: Uint8Array; sealed: Uint8Array };

/**
 * A 32-byte key that is not all zeros. A key that has been wiped (zeroize) reads as all zeros: using it
 * would seal data that anyone can open and the user cannot, so it is refused before any work is done
 * (docs/architecture.md, "Keys and the vault format"). A random key is all zeros with probability 2^-256.
 */
export function _assertKey(key: Uint8Array): void {
  _assertBytes(key, 'key', KEY_BYTES);
  let any = 0;
  for (let i = 0; i < key.length; i++) any |= key[i]!;
  if (any === 0) throw new ZeroKeyError();
}

/** Envelope bytes for an AES-256-GCM ciphertext (`sealed` = ciphertext ‖ tag). */
export function _encodeEnvelopeBytes(nonce: Uint8Array, sealed: Uint8Array, version: number = ENVELOPE_VERSION): Uint8Array {
  return concatBytes(Uint8Array.of(version, ALGORITHM_AES_256_GCM), nonce, sealed);
}

export function _encodeEnvelope(nonce: Uint8Array, sealed: Uint8Array, version: number = ENVELOPE_VERSION): string {
  return bytesToBase64url(_encodeEnvelopeBytes(nonce, sealed, version));
}

/**
 * Splits envelope text into its parts. Throws (any error; callers turn it into DecryptError) on
 * non-strings, overlong text, invalid base64url, short input, and unknown versions or algorithms.
 */
export function _parseEnvelope(text: string): ParsedEnvelope {
  if (typeof text !== 'string' || text.length > MAX_ENVELOPE_CHARS) throw new RangeError('bad envelope');
  return _parseEnvelopeBytes(base64urlToBytes(text));
}

/** The binary form of an envelope (what base64url text decodes to), checked the same way. */
export function _parseEnvelopeBytes(bytes: Uint8Array): ParsedEnvelope {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_PLAINTEXT_BYTES + MIN_ENVELOPE_BYTES) throw new RangeError('bad envelope');
  if (bytes.length < MIN_ENVELOPE_BYTES) throw new RangeError('short envelope');
  const version = bytes[0]!;
  const algorithm = bytes[1]!;
  if ((version !== ENVELOPE_VERSION && version !== ENVELOPE_VERSION_BOUND) || algorithm !== ALGORITHM_AES_256_GCM) {
    throw new RangeError('unknown envelope format');
  }
  return {
    version,
    algorithm,
    nonce: bytes.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES),
    sealed: bytes.subarray(HEADER_BYTES + NONCE_BYTES),
  };
}

export function _assertPlaintext(plaintext: Uint8Array): void {
  _assertBytes(plaintext, 'plaintext');
  if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new RangeError(`plaintext is larger than ${MAX_PLAINTEXT_BYTES} bytes`);
}
