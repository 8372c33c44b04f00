// The binary form of the v1 envelope for large records kept in IndexedDB (the overview index):
// the same bytes that the base64url text form encodes, so either form opens the other, minus the
// cost of base64 on megabytes. WebCrypto AES-GCM, since these records are large (TOOLCHAIN.md).
import { _aesGcmDecryptAsync, _aesGcmEncryptAsync, _createKeyCache } from './aes-gcm.ts';
import { randomBytes } from './bytes.ts';
import { DecryptError } from './errors.ts';
import {
  _assertKey,
  _assertPlaintext,
  _encodeEnvelopeBytes,
  _parseEnvelopeBytes,
  assertBinding,
  encodeAssociatedData,
  envelopeVersionFor,
  NONCE_BYTES,
  type Binding,
} from './envelope.ts';

export async function sealBinary(key: Uint8Array, plaintext: Uint8Array, binding: Binding): Promise<Uint8Array> {
  _assertKey(key);
  _assertPlaintext(plaintext);
  const ad = encodeAssociatedData(binding);
  const nonce = randomBytes(NONCE_BYTES);
  const cryptoKey = await _createKeyCache('encrypt')(key);
  return _encodeEnvelopeBytes(nonce, await _aesGcmEncryptAsync(cryptoKey, nonce, plaintext, ad), envelopeVersionFor(binding));
}

/** Every failure — wrong key, wrong binding, any flipped bit, unknown version — is one DecryptError. */
export async function openBinary(key: Uint8Array, envelope: Uint8Array, binding: Binding): Promise<Uint8Array> {
  _assertKey(key);
  assertBinding(binding);
  try {
    const parsed = _parseEnvelopeBytes(envelope);
    const cryptoKey = await _createKeyCache('decrypt')(key);
    return await _aesGcmDecryptAsync(cryptoKey, parsed.nonce, parsed.sealed, encodeAssociatedData(binding, parsed));
  } catch {
    throw new DecryptError();
  }
}
