// Byte-level checks of what Keyhold's authenticator writes: CBOR (RFC 8949 Appendix A vectors), the
// COSE key, authenticator data, client data JSON and the "none" attestation object.
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { p256 } from '@noble/curves/nist.js';
import { encodeCbor } from '../../src/webauthn/cbor.ts';
import { encodeCoseEs256Key } from '../../src/webauthn/cose-key.ts';
import { encodeAuthenticatorData } from '../../src/webauthn/authenticator-data.ts';
import { encodeClientDataJson } from '../../src/webauthn/client-data.ts';
import { encodeNoneAttestation } from '../../src/webauthn/attestation-object.ts';
import { KEYHOLD_AAGUID } from '../../src/webauthn/aaguid.ts';
import { utf8ToBytes } from '../../src/crypto/bytes.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('CBOR', () => {
  it('encodes RFC 8949 Appendix A vectors', () => {
    const vectors: [Parameters<typeof encodeCbor>[0], string][] = [
      [0, '00'],
      [23, '17'],
      [24, '1818'],
      [100, '1864'],
      [1000, '1903e8'],
      [1000000, '1a000f4240'],
      [-1, '20'],
      [-10, '29'],
      [-100, '3863'],
      [-1000, '3903e7'],
      ['', '60'],
      ['a', '6161'],
      ['IETF', '6449455446'],
      ['\u00fc', '62c3bc'],
      [Uint8Array.of(1, 2, 3, 4), '4401020304'],
      [
        new Map([
          [1, 2],
          [3, 4],
        ]),
        'a201020304',
      ],
      [new Map(), 'a0'],
    ];
    for (const [value, expected] of vectors) expect(hex(encodeCbor(value))).toBe(expected);
  });

  it('refuses what it cannot encode exactly', () => {
    expect(() => encodeCbor(1.5)).toThrow(TypeError);
    expect(() => encodeCbor(2 ** 40)).toThrow(RangeError);
  });
});

describe('COSE key', () => {
  it('is the EC2 P-256 ES256 map in canonical order (kty 2, alg -7, crv 1, x, y)', () => {
    const point = p256.getPublicKey(p256.utils.randomSecretKey(), false);
    const cose = encodeCoseEs256Key(point);
    expect(hex(cose)).toBe(`a5010203262001215820${hex(point.slice(1, 33))}225820${hex(point.slice(33))}`);
  });

  it('refuses a compressed point', () => {
    const compressed = p256.getPublicKey(p256.utils.randomSecretKey(), true);
    expect(() => encodeCoseEs256Key(compressed)).toThrow(TypeError);
  });
});

describe('authenticator data', () => {
  it('for an assertion: rpIdHash, flags UP|UV|BE|BS, sign count 0, nothing more', () => {
    const data = encodeAuthenticatorData({ rpId: 'example.com', userVerified: true, backedUp: true });
    expect(data.length).toBe(37);
    expect(hex(data.slice(0, 32))).toBe(hex(sha256(utf8ToBytes('example.com'))));
    expect(data[32]).toBe(0x01 | 0x04 | 0x08 | 0x10);
    expect(hex(data.slice(33))).toBe('00000000');
  });

  it('leaves UV clear when the user was not verified, and BS clear when not backed up (BE stays: the vault syncs)', () => {
    expect(encodeAuthenticatorData({ rpId: 'a.test', userVerified: false, backedUp: false })[32]).toBe(0x01 | 0x08);
  });

  it('at registration: AT flag, the Keyhold AAGUID, the id length, the id and the COSE key', () => {
    const credentialId = Uint8Array.from({ length: 16 }, (_, i) => i);
    const coseKey = encodeCoseEs256Key(p256.getPublicKey(p256.utils.randomSecretKey(), false));
    const data = encodeAuthenticatorData({ rpId: 'example.com', userVerified: true, backedUp: true, attested: { credentialId, coseKey } });
    expect(data[32]).toBe(0x5d);
    expect(hex(data.slice(37, 53))).toBe(KEYHOLD_AAGUID.replaceAll('-', ''));
    expect(hex(data.slice(53, 55))).toBe('0010');
    expect(hex(data.slice(55, 71))).toBe(hex(credentialId));
    expect(hex(data.slice(71))).toBe(hex(coseKey));
  });

  it('refuses a credential id shorter than 16 bytes', () => {
    const coseKey = encodeCoseEs256Key(p256.getPublicKey(p256.utils.randomSecretKey(), false));
    expect(() =>
      encodeAuthenticatorData({ rpId: 'a.test', userVerified: true, backedUp: true, attested: { credentialId: new Uint8Array(8), coseKey } }),
    ).toThrow(RangeError);
  });
});

describe('client data JSON', () => {
  it('has the member order of §5.8.1.1 and the base64url challenge', () => {
    const json = new TextDecoder().decode(
      encodeClientDataJson({ type: 'webauthn.get', challenge: Uint8Array.of(0xfb, 0xff), origin: 'https://example.com', topOrigin: null }),
    );
    expect(json).toBe('{"type":"webauthn.get","challenge":"-_8","origin":"https://example.com","crossOrigin":false}');
  });

  it('names the top origin of a cross-origin frame', () => {
    const json = new TextDecoder().decode(
      encodeClientDataJson({ type: 'webauthn.create', challenge: new Uint8Array(1), origin: 'https://idp.test', topOrigin: 'https://shop.test' }),
    );
    expect(JSON.parse(json)).toEqual({
      type: 'webauthn.create',
      challenge: 'AA',
      origin: 'https://idp.test',
      crossOrigin: true,
      topOrigin: 'https://shop.test',
    });
  });
});

describe('attestation object', () => {
  it('is {fmt: "none", attStmt: {}, authData}', () => {
    const authData = Uint8Array.of(1, 2, 3);
    expect(hex(encodeNoneAttestation(authData))).toBe(
      `a3${hex(encodeCbor('fmt'))}${hex(encodeCbor('none'))}${hex(encodeCbor('attStmt'))}a0${hex(encodeCbor('authData'))}43010203`,
    );
  });
});
