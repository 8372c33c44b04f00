// openMany(): open() for bulk paths on WebCrypto (see seal-many.ts). One bad record must not hide the
// others (a sync pull with one damaged item still shows the rest), so each request gets its own outcome;
// a failed one carries the same detail-free DecryptError as open(). openAll() is the all-or-nothing form.
import { _aesGcmDecryptAsync, _createKeyCache } from './aes-gcm.ts';
import { DecryptError } from './errors.ts';
import { _assertKey, _parseEnvelope, assertBinding, encodeAssociatedData, type Binding } from './envelope.ts';

export type OpenRequest = { key: Uint8Array; envelope: string; binding: Binding };

export type OpenOutcome = { ok: true; plaintext: Uint8Array } | { ok: false; error: DecryptError };

/** Outcomes in the order of `requests`; never rejects for bad envelopes. */
export async function openMany(requests: readonly OpenRequest[]): Promise<OpenOutcome[]> {
  for (const r of requests) {
    _assertKey(r.key);
    assertBinding(r.binding);
  }
  const importKey = _createKeyCache('decrypt');
  return Promise.all(
    requests.map(async (r): Promise<OpenOutcome> => {
      try {
        const parsed = _parseEnvelope(r.envelope);
        const ad = encodeAssociatedData(r.binding, parsed);
        return { ok: true, plaintext: await _aesGcmDecryptAsync(await importKey(r.key), parsed.nonce, parsed.sealed, ad) };
      } catch {
        return { ok: false, error: new DecryptError() };
      }
    }),
  );
}

/** Plaintexts in the order of `requests`, or DecryptError if any one fails (nothing partial returned). */
export async function openAll(requests: readonly OpenRequest[]): Promise<Uint8Array[]> {
  const outcomes = await openMany(requests);
  const plaintexts: Uint8Array[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      for (const o of outcomes) if (o.ok) o.plaintext.fill(0);
      throw outcome.error;
    }
    plaintexts.push(outcome.plaintext);
  }
  return plaintexts;
}
