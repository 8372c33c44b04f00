// The two authenticator operations Keyhold performs, as pure functions over bytes: making a new
// ES256 credential (WebAuthn Level 3 §6.3.2, with the client's part of §5.1.3) and signing an
// assertion with a stored one (§6.3.3 with §5.1.4). Policy (which origin, which rpId, whether the
// user confirmed) is decided before these run; they only encode.
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '../crypto/bytes';
import { encodeAuthenticatorData } from './authenticator-data';
import { encodeClientDataJson } from './client-data';
import { encodeCoseEs256Key } from './cose-key';
import { encodeNoneAttestation } from './attestation-object';
import { createEs256PrivateKey, es256PublicKey, signEs256 } from './es256';

export type CallerContext = {
  rpId: string;
  origin: string;
  /** The top-level origin when the caller is a cross-origin frame, else null. */
  topOrigin: string | null;
  challenge: Uint8Array;
  /** The vault was unlocked and the user confirmed in Keyhold's own dialog just now (or typed the master password). */
  userVerified: boolean;
};

export type NewCredential = {
  credentialId: Uint8Array;
  privateKey: Uint8Array;
  clientDataJson: Uint8Array;
  attestationObject: Uint8Array;
  authenticatorData: Uint8Array;
  /** SubjectPublicKeyInfo DER, what AuthenticatorAttestationResponse.getPublicKey() returns (§5.2.1). */
  publicKeySpki: Uint8Array;
};

export type Assertion = { clientDataJson: Uint8Array; authenticatorData: Uint8Array; signature: Uint8Array };

const SPKI_P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
  0x42, 0x00,
]);

/** Credential ids are 16 random bytes: unguessable, and short enough for any relying party's column. */
export const CREDENTIAL_ID_BYTES = 16;

export function makeCredential(caller: CallerContext): NewCredential {
  const privateKey = createEs256PrivateKey();
  const publicKey = es256PublicKey(privateKey);
  const credentialId = randomBytes(CREDENTIAL_ID_BYTES);
  const authenticatorData = encodeAuthenticatorData({
    rpId: caller.rpId,
    userVerified: caller.userVerified,
    backedUp: true,
    attested: { credentialId, coseKey: encodeCoseEs256Key(publicKey) },
  });
  return {
    credentialId,
    privateKey,
    clientDataJson: encodeClientDataJson({
      type: 'webauthn.create',
      challenge: caller.challenge,
      origin: caller.origin,
      topOrigin: caller.topOrigin,
    }),
    attestationObject: encodeNoneAttestation(authenticatorData),
    authenticatorData,
    publicKeySpki: concatBytes(SPKI_P256_PREFIX, publicKey),
  };
}

export function getAssertion(caller: CallerContext, privateKey: Uint8Array): Assertion {
  const authenticatorData = encodeAuthenticatorData({ rpId: caller.rpId, userVerified: caller.userVerified, backedUp: true });
  const clientDataJson = encodeClientDataJson({
    type: 'webauthn.get',
    challenge: caller.challenge,
    origin: caller.origin,
    topOrigin: caller.topOrigin,
  });
  const signature = signEs256(privateKey, concatBytes(authenticatorData, sha256(clientDataJson)));
  return { clientDataJson, authenticatorData, signature };
}
