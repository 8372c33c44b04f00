// Shared fixtures for the crypto tests: the cheapest KDF the floors allow (fast tests), and small
// helpers to look inside envelopes the way an attacker with the ciphertext could.
import { base64urlToBytes, bytesToBase64url, utf8ToBytes } from '../../src/crypto/bytes.ts';
import { KDF_FLOORS, newKdfParams, type KdfParams } from '../../src/crypto/kdf-params.ts';

export function floorKdf(): KdfParams {
  return newKdfParams(KDF_FLOORS);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
export const text = (s: string): Uint8Array => utf8ToBytes(s);

/** Returns a copy of the envelope with one bit flipped at byte `index` (negative counts from the end). */
export function flipBit(envelope: string, index: number, bit = 0): string {
  const bytes = base64urlToBytes(envelope);
  const at = index < 0 ? bytes.length + index : index;
  bytes[at]! ^= 1 << bit;
  return bytesToBase64url(bytes);
}

export function envelopeBytes(envelope: string): Uint8Array {
  return base64urlToBytes(envelope);
}
