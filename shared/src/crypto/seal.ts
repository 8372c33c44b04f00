// seal(): encrypts one record into an envelope bound to its place (see envelope.ts for the format).
// Synchronous (@noble/ciphers) so single-record paths stay simple; bulk paths use sealMany().
import { _aesGcmEncrypt } from './aes-gcm.ts';
import { randomBytes } from './bytes.ts';
import { _assertKey, _assertPlaintext, _encodeEnvelope, encodeAssociatedData, envelopeVersionFor, NONCE_BYTES, type Binding } from './envelope.ts';

export function seal(key: Uint8Array, plaintext: Uint8Array, binding: Binding): string {
  _assertKey(key);
  _assertPlaintext(plaintext);
  const nonce = randomBytes(NONCE_BYTES);
  return _encodeEnvelope(nonce, _aesGcmEncrypt(key, nonce, plaintext, encodeAssociatedData(binding)), envelopeVersionFor(binding));
}
