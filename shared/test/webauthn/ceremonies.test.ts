// The two ceremonies end to end at the byte level: a made credential's public key (from its COSE
// key in the attestation object) verifies the assertion signatures of the kept private key, checked
// with @noble/curves; and PKCS#8 matches WebCrypto's own encoding both ways.
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { p256 } from '@noble/curves/nist.js';
import { getAssertion, makeCredential, type CallerContext } from '../../src/webauthn/ceremonies.ts';
import { es256FromPkcs8, es256PublicKey, es256ToPkcs8, signEs256 } from '../../src/webauthn/es256.ts';
import { base64urlToBytes, concatBytes } from '../../src/crypto/bytes.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const caller: CallerContext = {
  rpId: 'example.com',
  origin: 'https://login.example.com',
  topOrigin: null,
  challenge: new Uint8Array(32).fill(7),
  userVerified: true,
};

describe('makeCredential', () => {
  it('puts the new public key in the attested data and in the SPKI', () => {
    const made = makeCredential(caller);
    const publicKey = es256PublicKey(made.privateKey);
    expect(hex(made.publicKeySpki.slice(-65))).toBe(hex(publicKey));
    expect(made.credentialId.length).toBe(16);
    // COSE x and y sit after the 55-byte header, the 16-byte id and the 10-byte COSE preamble.
    const cose = made.authenticatorData.slice(55 + 16);
    expect(hex(cose.slice(10, 42))).toBe(hex(publicKey.slice(1, 33)));
    expect(hex(cose.slice(45, 77))).toBe(hex(publicKey.slice(33)));
    expect(JSON.parse(new TextDecoder().decode(made.clientDataJson))).toMatchObject({ type: 'webauthn.create', origin: 'https://login.example.com' });
  });

  it('makes a different key and id each time', () => {
    const [a, b] = [makeCredential(caller), makeCredential(caller)];
    expect(hex(a.privateKey)).not.toBe(hex(b.privateKey));
    expect(hex(a.credentialId)).not.toBe(hex(b.credentialId));
  });
});

describe('getAssertion', () => {
  it('signs authenticatorData ‖ SHA-256(clientDataJSON) with a DER ES256 signature that verifies', () => {
    const made = makeCredential(caller);
    const assertion = getAssertion(caller, made.privateKey);
    const message = concatBytes(assertion.authenticatorData, sha256(assertion.clientDataJson));
    expect(assertion.signature[0]).toBe(0x30);
    expect(p256.verify(assertion.signature, message, es256PublicKey(made.privateKey), { format: 'der' })).toBe(true);
    const tampered = Uint8Array.from(message);
    tampered[32] = tampered[32]! ^ 0x04;
    expect(p256.verify(assertion.signature, tampered, es256PublicKey(made.privateKey), { format: 'der' })).toBe(false);
    expect(JSON.parse(new TextDecoder().decode(assertion.clientDataJson)).challenge).toBe('BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc');
  });

  it('does not verify under another credential', () => {
    const [a, b] = [makeCredential(caller), makeCredential(caller)];
    const assertion = getAssertion(caller, a.privateKey);
    const message = concatBytes(assertion.authenticatorData, sha256(assertion.clientDataJson));
    expect(p256.verify(assertion.signature, message, es256PublicKey(b.privateKey), { format: 'der' })).toBe(false);
  });
});

describe('PKCS#8', () => {
  it('is what WebCrypto exports, and reads back what WebCrypto exports', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    const exported = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const scalar = es256FromPkcs8(exported);
    expect(hex(scalar)).toBe(hex(base64urlToBytes(jwk.d!)));
    expect(hex(es256ToPkcs8(scalar))).toBe(hex(exported));
  });

  it('a key written by es256ToPkcs8 signs in WebCrypto and verifies with noble', async () => {
    const scalar = p256.utils.randomSecretKey();
    const key = await crypto.subtle.importKey('pkcs8', new Uint8Array(es256ToPkcs8(scalar)), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const message = new TextEncoder().encode('hello');
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, message));
    expect(p256.verify(raw, message, es256PublicKey(scalar), { format: 'compact', lowS: false })).toBe(true);
    expect(p256.verify(signEs256(scalar, message), message, es256PublicKey(scalar), { format: 'der' })).toBe(true);
  });

  it('refuses another curve and damaged bytes', async () => {
    const p384 = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign'])) as CryptoKeyPair;
    const other = new Uint8Array(await crypto.subtle.exportKey('pkcs8', p384.privateKey));
    expect(() => es256FromPkcs8(other)).toThrow(TypeError);
    expect(() => es256FromPkcs8(Uint8Array.of(0x30, 0x00))).toThrow(TypeError);
  });
});
