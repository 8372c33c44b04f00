// open(): decrypts one v1 envelope, only if it was sealed with this key for exactly this binding.
// Every failure about the envelope — bad text, wrong length, unknown version or algorithm, wrong key,
// moved to another item/part/purpose/account, flipped bit — is the same DecryptError with no detail,
// so nothing can be learned by probing. A wrong-sized key or a malformed binding is a caller bug and
// throws TypeError instead.
import { _aesGcmDecrypt } from './aes-gcm.ts';
import { DecryptError } from './errors.ts';
import { _assertKey, _parseEnvelope, assertBinding, encodeAssociatedData, type Binding } from './envelope.ts';

export function open(key: Uint8Array, envelope: string, binding: Binding): Uint8Array {
  _assertKey(key);
  assertBinding(binding);
  try {
    const parsed = _parseEnvelope(envelope);
    return _aesGcmDecrypt(key, parsed.nonce, parsed.sealed, encodeAssociatedData(binding, parsed));
  } catch {
    throw new DecryptError();
  }
}
