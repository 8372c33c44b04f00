// sealMany(): seal() for bulk paths (vault-key rotation, first sync, import) on WebCrypto, all
// operations in flight at once — about twice the throughput of one-by-one noble calls for 10,000
// records (TOOLCHAIN.md). Same envelope and associated data as seal(): either side can open the other's.
import { _aesGcmEncryptAsync, _createKeyCache } from './aes-gcm.ts';
import { randomBytes } from './bytes.ts';
import { _assertKey, _assertPlaintext, _encodeEnvelope, encodeAssociatedData, envelopeVersionFor, NONCE_BYTES, type Binding } from './envelope.ts';

export type SealRequest = { key: Uint8Array; plaintext: Uint8Array; binding: Binding };

/** Envelopes in the order of `requests`. Each request may use its own key. */
export async function sealMany(requests: readonly SealRequest[]): Promise<string[]> {
  for (const r of requests) {
    _assertKey(r.key);
    _assertPlaintext(r.plaintext);
  }
  const importKey = _createKeyCache('encrypt');
  return Promise.all(
    requests.map(async (r) => {
      const ad = encodeAssociatedData(r.binding);
      const nonce = randomBytes(NONCE_BYTES);
      return _encodeEnvelope(nonce, await _aesGcmEncryptAsync(await importKey(r.key), nonce, r.plaintext, ad), envelopeVersionFor(r.binding));
    }),
  );
}
