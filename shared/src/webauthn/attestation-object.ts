// The attestation object of a new credential (WebAuthn Level 3 §6.5.4) in the "none" format
// (§8.7): Keyhold makes no claim about its provenance a relying party could check, and sends no
// identifying certificate.
import { encodeCbor, type CborValue } from './cbor';

export function encodeNoneAttestation(authenticatorData: Uint8Array): Uint8Array {
  return encodeCbor(
    new Map<string, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, CborValue>()],
      ['authData', authenticatorData],
    ]),
  );
}
