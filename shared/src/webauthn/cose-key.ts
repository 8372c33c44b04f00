// A P-256 public key as a COSE_Key (RFC 9052 §7, RFC 9053 §2.1 and §7.1.1), the form a credential's
// public key takes inside attested credential data (WebAuthn Level 3 §6.5.1.1). Members in CTAP2's
// canonical order: kty, alg, crv, x, y.
import { encodeCbor } from './cbor';

/** COSE algorithm -7: ECDSA with SHA-256 (ES256), the one every relying party accepts. */
export const COSE_ALG_ES256 = -7;
const COSE_KTY_EC2 = 2;
const COSE_CRV_P256 = 1;

/** `uncompressed`: the SEC1 point 0x04 ‖ x ‖ y (65 bytes), as @noble/curves' getPublicKey(key, false) gives it. */
export function encodeCoseEs256Key(uncompressed: Uint8Array): Uint8Array {
  if (uncompressed.length !== 65 || uncompressed[0] !== 0x04) throw new TypeError('expected an uncompressed P-256 point');
  return encodeCbor(
    new Map<number, number | Uint8Array>([
      [1, COSE_KTY_EC2],
      [3, COSE_ALG_ES256],
      [-1, COSE_CRV_P256],
      [-2, uncompressed.slice(1, 33)],
      [-3, uncompressed.slice(33, 65)],
    ]),
  );
}
