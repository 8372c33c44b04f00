import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { _hkdfSha256, deriveSubkeys } from '../../src/crypto/derive-subkeys.ts';
import { fromHex, hex, text } from './_fixtures.ts';

const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('HKDF-SHA256 (RFC 5869 appendix A)', () => {
  it('test case 1: basic', () => {
    const okm = _hkdfSha256(new Uint8Array(22).fill(0x0b), range(0x00, 0x0c), range(0xf0, 0xf9), 42);
    expect(hex(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
  it('test case 2: longer inputs and outputs', () => {
    const okm = _hkdfSha256(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82);
    expect(hex(okm)).toBe(
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
    );
  });
  it('test case 3: zero-length salt and info', () => {
    const okm = _hkdfSha256(new Uint8Array(22).fill(0x0b), new Uint8Array(0), new Uint8Array(0), 42);
    expect(hex(okm)).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });
  it('an absent salt means the all-zero salt (RFC 5869 §2.2)', () => {
    const ikm = fromHex('0b'.repeat(22));
    expect(hex(_hkdfSha256(ikm, undefined, new Uint8Array(0), 42))).toBe(hex(_hkdfSha256(ikm, new Uint8Array(32), new Uint8Array(0), 42)));
  });
});

describe('deriveSubkeys', () => {
  const masterKey = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

  it('derives the KEK and auth key with the keyhold/v1 labels (cross-checked with node:crypto)', () => {
    const { kek, authKey } = deriveSubkeys(masterKey);
    const expected = (info: string) => hex(new Uint8Array(hkdfSync('sha256', masterKey, new Uint8Array(0), text(info), 32)));
    expect(hex(kek)).toBe(expected('keyhold/v1/kek'));
    expect(hex(authKey)).toBe(expected('keyhold/v1/auth'));
  });

  it('gives independent keys: the auth key the server sees is not the KEK', () => {
    const { kek, authKey } = deriveSubkeys(masterKey);
    expect(hex(kek)).not.toBe(hex(authKey));
    expect(hex(authKey)).not.toBe(hex(masterKey));
  });

  it('refuses a master key of the wrong size', () => {
    expect(() => deriveSubkeys(new Uint8Array(16))).toThrow(TypeError);
  });
});
