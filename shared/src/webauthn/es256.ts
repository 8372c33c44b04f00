// ES256 keys and signatures for passkeys (ECDSA on P-256 with SHA-256, RFC 9053 §2.1) with
// @noble/curves. A private key is its 32-byte scalar; it travels out of Keyhold only in an export,
// as PKCS#8 (RFC 5208 holding an RFC 5915 ECPrivateKey), the form Bitwarden's JSON uses.
import { p256 } from '@noble/curves/nist.js';
import { concatBytes } from '../crypto/bytes';

export function createEs256PrivateKey(): Uint8Array {
  return p256.utils.randomSecretKey();
}

/** The SEC1 uncompressed public point (65 bytes) of a private key; throws for a scalar outside [1, n). */
export function es256PublicKey(privateKey: Uint8Array): Uint8Array {
  return p256.getPublicKey(privateKey, false);
}

/**
 * An assertion or attestation signature over `message` (authenticatorData ‖ SHA-256(clientDataJSON),
 * WebAuthn Level 3 §6.3.3 step 11), DER-encoded as §6.5.5 requires for ECDSA. Low-S and RFC 6979
 * deterministic nonces with extra entropy (noble's hedged mode).
 */
export function signEs256(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  return p256.sign(message, privateKey, { prehash: true, format: 'der', extraEntropy: true });
}

// SEQUENCE { INTEGER 0, SEQUENCE { id-ecPublicKey, prime256v1 }, OCTET STRING { ECPrivateKey … } }
const ALGORITHM = Uint8Array.from([
  0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
]);

/** PKCS#8 with the public key included, byte for byte what WebCrypto's exportKey('pkcs8') gives. */
export function es256ToPkcs8(privateKey: Uint8Array): Uint8Array {
  const publicKey = es256PublicKey(privateKey);
  const ecPrivateKey = concatBytes(
    Uint8Array.of(0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20),
    privateKey,
    Uint8Array.of(0xa1, 0x44, 0x03, 0x42, 0x00),
    publicKey,
  );
  return concatBytes(Uint8Array.of(0x30, 0x81, 0x87, 0x02, 0x01, 0x00), ALGORITHM, Uint8Array.of(0x04, 0x6d), ecPrivateKey);
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The private scalar of a PKCS#8 P-256 key, with or without its public key and parameters inside.
 * Only P-256 ECDSA keys are accepted; anything else (another curve, RSA, a damaged file) throws.
 */
export function es256FromPkcs8(pkcs8: Uint8Array): Uint8Array {
  // The algorithm follows the outer SEQUENCE header (2 or 3 bytes) and the version INTEGER 0.
  const algorithmAt = indexOf(pkcs8, ALGORITHM);
  if (pkcs8.length > 200 || pkcs8[0] !== 0x30 || (algorithmAt !== 5 && algorithmAt !== 6)) throw new TypeError('not a PKCS#8 P-256 key');
  const at = indexOf(pkcs8, Uint8Array.of(0x02, 0x01, 0x01, 0x04, 0x20), algorithmAt + ALGORITHM.length);
  if (at < 0 || at + 5 + 32 > pkcs8.length) throw new TypeError('not a PKCS#8 P-256 key');
  const privateKey = pkcs8.slice(at + 5, at + 5 + 32);
  es256PublicKey(privateKey); // throws for a scalar that is not a valid key
  return privateKey;
}
