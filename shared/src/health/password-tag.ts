/**
 * Keyed tags of passwords: how vault health compares passwords (reuse) and remembers breach
 * results without storing a password or its plain hash anywhere. The tag key is derived from the
 * vault key with HKDF-SHA256 (RFC 5869) under its own label, so it is per vault, never leaves the
 * background, and a tag is useless without the vault key (unlike an unkeyed hash, which a
 * dictionary attack reverses). Tags are HMAC-SHA256 (RFC 2104) of the password's UTF-8 bytes,
 * not normalised: two passwords are "the same" only if a site would see the same bytes.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { _assertBytes, bytesToBase64url, utf8ToBytes } from '../crypto/bytes';
import { _hkdfSha256 } from '../crypto/derive-subkeys';

const INFO_HEALTH = utf8ToBytes('keyhold/v1/health-tag');
const KEY_BYTES = 32;

export function deriveTagKey(vaultKey: Uint8Array): Uint8Array {
  _assertBytes(vaultKey, 'vaultKey', KEY_BYTES);
  return _hkdfSha256(vaultKey, undefined, INFO_HEALTH, KEY_BYTES);
}

/** The tag of one password under a tag key: 43 base64url characters. */
export function passwordTag(tagKey: Uint8Array, password: string): string {
  _assertBytes(tagKey, 'tagKey', KEY_BYTES);
  return bytesToBase64url(hmac(sha256, tagKey, utf8ToBytes(password)));
}
