// Authenticator data (WebAuthn Level 3 §6.1): SHA-256 of the rpId, one byte of flags, a 32-bit sign
// count, and, at registration, the attested credential data (AAGUID, credential id length and id,
// COSE public key; §6.5.1).
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '../crypto/bytes';
import { aaguidBytes } from './aaguid';

/** Flag bits (§6.1): user present, user verified, backup eligible, backed up, attested data included. */
export const FLAG_UP = 0x01;
export const FLAG_UV = 0x04;
export const FLAG_BE = 0x08;
export const FLAG_BS = 0x10;
export const FLAG_AT = 0x40;

export type AuthenticatorDataInput = {
  rpId: string;
  userVerified: boolean;
  /** Keyhold's passkeys live in the vault, which syncs: always eligible, and backed up (issue: "honest flags"). */
  backedUp: boolean;
  attested?: { credentialId: Uint8Array; coseKey: Uint8Array };
};

export function encodeAuthenticatorData(input: AuthenticatorDataInput): Uint8Array {
  // UP is always set: every ceremony passes through a click in Keyhold's own dialog.
  let flags = FLAG_UP | FLAG_BE;
  if (input.userVerified) flags |= FLAG_UV;
  if (input.backedUp) flags |= FLAG_BS;
  if (input.attested) flags |= FLAG_AT;
  // Sign count 0: a synced passkey cannot keep a counter that only grows (§6.1.1 allows 0).
  const fixed = concatBytes(sha256(utf8ToBytes(input.rpId)), Uint8Array.of(flags, 0, 0, 0, 0));
  if (!input.attested) return fixed;
  const { credentialId, coseKey } = input.attested;
  if (credentialId.length < 16 || credentialId.length > 1023) throw new RangeError('credential id must be 16 to 1023 bytes');
  const length = Uint8Array.of(credentialId.length >> 8, credentialId.length & 0xff);
  return concatBytes(fixed, aaguidBytes(), length, credentialId, coseKey);
}
