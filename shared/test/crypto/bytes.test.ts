import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  base64urlToBytes,
  bytesToBase64url,
  bytesToUtf8,
  concatBytes,
  constantTimeEqual,
  randomBytes,
  utf8ToBytes,
  zeroize,
} from '../../src/crypto/bytes.ts';
import { text } from './_fixtures.ts';

/**
 * A stand-in for the browser's Uint8Array.fromBase64 where Node has none: Node's own decoder, looser
 * still than the browser's 'loose' mode (it also skips characters outside the alphabet), so the
 * strictness must come from base64urlToBytes' own checks.
 */
const looseNative = (input: string) => new Uint8Array(Buffer.from(input, 'base64url'));
const hasNative = typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64 === 'function';

/** Node's encoder, standing in for the browser's Uint8Array.prototype.toBase64 where Node has none. */
function nodeToBase64(this: Uint8Array, options: { alphabet: string; omitPadding: boolean }): string {
  if (options.alphabet !== 'base64url' || !options.omitPadding) throw new Error('unexpected options');
  return Buffer.from(this).toString('base64url');
}
const hasNativeEncoder = typeof (Uint8Array.prototype as unknown as { toBase64?: unknown }).toBase64 === 'function';

type Codec = null | 'platform' | { from: typeof looseNative; to: typeof nodeToBase64 };
describe.each<{ decoder: string; native: Codec }>([
  { decoder: 'the JavaScript codec', native: null },
  { decoder: "the platform's codec", native: hasNative && hasNativeEncoder ? 'platform' : { from: looseNative, to: nodeToBase64 } },
])('base64url, by $decoder', ({ native }) => {
  const target = Uint8Array as unknown as { fromBase64?: unknown };
  const proto = Uint8Array.prototype as unknown as { toBase64?: unknown };
  const saved = { from: target.fromBase64, to: proto.toBase64 };
  beforeEach(() => {
    if (native === null) {
      delete target.fromBase64;
      delete proto.toBase64;
    } else if (native !== 'platform') {
      target.fromBase64 = native.from;
      proto.toBase64 = native.to;
    }
  });
  afterEach(() => {
    if (saved.from === undefined) delete target.fromBase64;
    else target.fromBase64 = saved.from;
    if (saved.to === undefined) delete proto.toBase64;
    else proto.toBase64 = saved.to;
  });

  it('takes the codec it is meant to', () => {
    expect(typeof target.fromBase64).toBe(native === null ? 'undefined' : 'function');
    expect(typeof proto.toBase64).toBe(native === null ? 'undefined' : 'function');
  });

  // RFC 4648 §10 test vectors, in the URL-safe alphabet without padding (§5, §3.2).
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('encodes and decodes the RFC 4648 vector %j', (plain, encoded) => {
    expect(bytesToBase64url(text(plain))).toBe(encoded);
    expect(bytesToUtf8(base64urlToBytes(encoded))).toBe(plain);
  });

  it('uses the URL-safe alphabet', () => {
    expect(bytesToBase64url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(base64urlToBytes('-_-_')).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it('round-trips any bytes and matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = bytesToBase64url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlToBytes(encoded)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet +', 'ab+c'],
    ['standard alphabet /', 'ab/c'],
    ['whitespace', 'Zm9v Yg'],
    ['newline', 'Zm9v\nYg'],
    ['impossible length', 'Zm9vY'],
    ['non-ASCII', 'Zm9é'],
    ['a non-ASCII character whose low bits look like "A"', 'Zm9\u0241'],
    ['non-canonical trailing bits (1 byte)', 'Zh'],
    ['non-canonical trailing bits (2 bytes)', 'Zm9'],
  ])('rejects %s', (_label, input) => {
    expect(() => base64urlToBytes(input)).toThrow();
  });
});

describe('utf8', () => {
  it('round-trips text', () => {
    expect(bytesToUtf8(utf8ToBytes('pässwörd 🔑'))).toBe('pässwörd 🔑');
  });
  it('rejects malformed UTF-8 instead of replacing it', () => {
    expect(() => bytesToUtf8(Uint8Array.of(0xc3, 0x28))).toThrow();
  });
});

describe('constantTimeEqual', () => {
  it('is true only for equal bytes', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(9, 2, 3), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
  });
});

describe('concatBytes, zeroize, randomBytes', () => {
  it('concatenates in order', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
  });
  it('zeroes every buffer it is given', () => {
    const a = Uint8Array.of(1, 2);
    const b = Uint8Array.of(3);
    zeroize(a, b);
    expect([...a, ...b]).toEqual([0, 0, 0]);
  });
  it('fills buffers beyond the 65,536-byte getRandomValues limit', () => {
    const bytes = randomBytes(200_000);
    expect(bytes.length).toBe(200_000);
    // The last chunk is filled too: the chance that 1,000 random bytes are all zero is nil.
    expect(bytes.subarray(199_000).some((b) => b !== 0)).toBe(true);
    expect(randomBytes(32)).not.toEqual(randomBytes(32));
  });
});
