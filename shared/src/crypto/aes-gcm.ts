// AES-256-GCM (NIST SP 800-38D) behind the envelope: the synchronous path with @noble/ciphers for
// single records, and the WebCrypto path for bulk work (many operations in flight via Promise.all,
// each key imported once per batch). Both produce ciphertext ‖ 128-bit tag, so envelopes are identical.
// Internal: callers use seal/open/sealMany/openMany, which add the envelope and associated data.
import { gcm } from '@noble/ciphers/aes.js';

export function _aesGcmEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
  return gcm(key, nonce, ad).encrypt(plaintext);
}

export function _aesGcmDecrypt(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, ad: Uint8Array): Uint8Array {
  return gcm(key, nonce, ad).decrypt(sealed);
}

type Usage = 'encrypt' | 'decrypt';

/** WebCrypto takes only views of a plain ArrayBuffer (not a SharedArrayBuffer); copy in the rare other case. */
function _view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/**
 * Imports each distinct raw key once for a batch. The CryptoKey is non-extractable; WebCrypto keeps
 * its own copy of the key bytes, which JS cannot zero (it is released with the CryptoKey).
 */
export function _createKeyCache(usage: Usage): (key: Uint8Array) => Promise<CryptoKey> {
  const cache = new Map<Uint8Array, Promise<CryptoKey>>();
  return (key) => {
    let imported = cache.get(key);
    if (imported === undefined) {
      imported = globalThis.crypto.subtle.importKey('raw', _view(key), { name: 'AES-GCM' }, false, [usage]);
      cache.set(key, imported);
    }
    return imported;
  };
}

export async function _aesGcmEncryptAsync(key: CryptoKey, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Promise<Uint8Array> {
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: _view(nonce), additionalData: _view(ad), tagLength: 128 },
    key,
    _view(plaintext),
  );
  return new Uint8Array(sealed);
}

export async function _aesGcmDecryptAsync(key: CryptoKey, nonce: Uint8Array, sealed: Uint8Array, ad: Uint8Array): Promise<Uint8Array> {
  const plaintext = await globalThis.crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: _view(nonce), additionalData: _view(ad), tagLength: 128 },
    key,
    _view(sealed),
  );
  return new Uint8Array(plaintext);
}
