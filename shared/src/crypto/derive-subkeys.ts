// Master key → KEK (wraps the vault key) and auth key (the only secret the sync server ever sees,
// which it stores only as a slow hash). HKDF-SHA256 (RFC 5869) with distinct `info` labels gives
// independent keys; no salt is needed because the master key is already uniformly random Argon2 output
// (RFC 5869 §3.1: the zero-filled default salt is fine for high-entropy input).
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { _assertBytes, utf8ToBytes, zeroize } from './bytes.ts';
import { MASTER_KEY_BYTES } from './derive-master-key.ts';

const INFO_KEK = utf8ToBytes('keyhold/v1/kek');
const INFO_AUTH = utf8ToBytes('keyhold/v1/auth');
const SUBKEY_BYTES = 32;

/** HKDF-SHA256 extract-then-expand; `salt` undefined means the RFC 5869 §2.2 all-zero default. */
export function _hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array {
  const prk = extract(sha256, ikm, salt);
  try {
    return expand(sha256, prk, info, length);
  } finally {
    zeroize(prk);
  }
}

export function deriveSubkeys(masterKey: Uint8Array): { kek: Uint8Array; authKey: Uint8Array } {
  _assertBytes(masterKey, 'masterKey', MASTER_KEY_BYTES);
  return {
    kek: _hkdfSha256(masterKey, undefined, INFO_KEK, SUBKEY_BYTES),
    authKey: _hkdfSha256(masterKey, undefined, INFO_AUTH, SUBKEY_BYTES),
  };
}
