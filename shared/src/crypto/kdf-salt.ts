// The KDF salt of a synced account, derived from who the account is (ADR 0020), so a sync server
// cannot choose it: a malicious server that answered prelogin with one salt for every victim would
// get one dictionary for all of them, and the verifier each client then sends would be made with it.
//   salt (16 bytes) = generation (u32 BE) ‖ SHA-256(label ‖ origin ‖ email ‖ generation)[0..12]
// with origin and email length-prefixed and normalised (isDerivedSalt's caller and the server must
// agree byte for byte). The generation is the header epoch (header-stamp.ts) of the header that
// introduced the salt, so a password change or reset still moves the salt (ADR 0017 relies on that);
// it is carried in the salt itself, so neither the header format nor the sync protocol changes, and
// the header stamp, which covers the salt, covers the generation too. Twelve bytes of hash are 96
// bits: a server cannot find a generation that makes two victims' salts equal.
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlToBytes, bytesToBase64url, concatBytes, constantTimeEqual, utf8ToBytes } from './bytes.ts';
import { stampEpoch } from './header-stamp.ts';
import { KDF_SALT_BYTES } from './kdf-params.ts';

/** Who an account is, as far as its salt goes: the sync server's origin and the account's email. */
export type SaltIdentity = { origin: string; email: string };

export const MAX_SALT_GENERATION = 2 ** 32 - 1;
const GENERATION_BYTES = 4;
const LABEL = utf8ToBytes('keyhold/v1/kdf-salt');

/**
 * The identity as the salt sees it: the origin as a URL parser serialises it (scheme and host lower
 * case, default port dropped, IDN in punycode; no path), the email as the sync protocol's email
 * schema stores it (NFC, trimmed, lower case). A value that has no origin is a programming error.
 */
export function normaliseSaltIdentity(identity: SaltIdentity): SaltIdentity {
  let origin: string;
  try {
    origin = new URL(identity.origin).origin;
  } catch {
    throw new TypeError('salt identity: origin is not a URL');
  }
  if (origin === 'null') throw new TypeError('salt identity: origin must be http(s)');
  const email = identity.email.normalize('NFC').trim().toLowerCase();
  if (email === '') throw new TypeError('salt identity: email is empty');
  return { origin, email };
}

function lengthPrefixed(text: string): Uint8Array {
  const bytes = utf8ToBytes(text);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length);
  return concatBytes(length, bytes);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(GENERATION_BYTES);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function saltBytes(identity: SaltIdentity, generation: number): Uint8Array {
  const { origin, email } = normaliseSaltIdentity(identity);
  const tag = u32(generation);
  const digest = sha256(concatBytes(LABEL, lengthPrefixed(origin), lengthPrefixed(email), tag));
  return concatBytes(tag, digest.subarray(0, KDF_SALT_BYTES - GENERATION_BYTES));
}

/** The salt (base64url, 16 bytes) of `identity` at `generation` (1 and up). */
export function deriveKdfSalt(opts: { identity: SaltIdentity; generation: number }): string {
  const { generation } = opts;
  if (!Number.isInteger(generation) || generation < 1 || generation > MAX_SALT_GENERATION) throw new RangeError('salt generation out of range');
  return bytesToBase64url(saltBytes(opts.identity, generation));
}

/**
 * The generation of `salt` if it is the salt of `identity` at that generation, null otherwise (a
 * random salt made before ADR 0020, a salt for another email or server, or a malformed one).
 */
export function derivedSaltGeneration(salt: string, identity: SaltIdentity): number | null {
  let bytes: Uint8Array;
  try {
    bytes = base64urlToBytes(salt);
  } catch {
    return null;
  }
  if (bytes.length !== KDF_SALT_BYTES) return null;
  const generation = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  if (generation < 1) return null;
  return constantTimeEqual(bytes, saltBytes(identity, generation)) ? generation : null;
}

/**
 * The salt option of a re-wrap of `header` (change, reset, move to a derived salt): derived at the
 * epoch the re-wrapped header will carry (one above `header`'s), or none (a random one) without an identity.
 */
export function _successorSalt(header: { stamp?: string }, identity: SaltIdentity | undefined): { salt?: string } {
  if (!identity) return {};
  return { salt: deriveKdfSalt({ identity, generation: stampEpoch(header.stamp) + 1 }) };
}
