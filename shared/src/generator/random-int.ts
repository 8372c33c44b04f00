/**
 * Uniform random integers from a cryptographically secure source, for the password and passphrase
 * generators.
 *
 * `x % n` over a random 32-bit x favours small results whenever n does not divide 2^32; rejection
 * sampling removes that bias by redrawing any x that falls in the incomplete last block
 * (the classic "modulo bias"; see NIST SP 800-90A Rev. 1, Appendix A.5.1, "Simple Discard Method").
 */

/** Fills `bytes` with random bytes. The default is the platform CSPRNG; tests inject a seeded one. */
export type RandomSource = (bytes: Uint8Array) => void;

export const secureRandom: RandomSource = (bytes) => {
  crypto.getRandomValues(bytes);
};

const TWO_POW_32 = 2 ** 32;
const scratch = new Uint8Array(4);
const scratchView = new DataView(scratch.buffer);

/** A uniformly random integer in [0, maxExclusive), for 1 ≤ maxExclusive ≤ 2^32. */
export function randomInt(maxExclusive: number, rng: RandomSource = secureRandom): number {
  if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
    throw new RangeError(`randomInt: maxExclusive must be an integer from 1 to 2^32, got ${maxExclusive}`);
  }
  // The largest multiple of maxExclusive not above 2^32: draws below it map evenly onto [0, n).
  const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
  try {
    for (;;) {
      rng(scratch);
      const draw = scratchView.getUint32(0);
      if (draw < limit) return draw % maxExclusive;
    }
  } finally {
    scratch.fill(0);
  }
}

/** A uniformly random bigint in [0, maxExclusive), for maxExclusive ≥ 1; for counts beyond 2^32. */
export function randomBigInt(maxExclusive: bigint, rng: RandomSource = secureRandom): bigint {
  if (maxExclusive < 1n) throw new RangeError('randomBigInt: maxExclusive must be at least 1');
  if (maxExclusive === 1n) return 0n;
  const bits = (maxExclusive - 1n).toString(2).length;
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  const topMask = 0xff >> (bytes.length * 8 - bits);
  try {
    // Draw exactly `bits` random bits and redraw when the value is too large: each try succeeds
    // with probability above 1/2.
    for (;;) {
      rng(bytes);
      bytes[0] = (bytes[0] as number) & topMask;
      let draw = 0n;
      for (const byte of bytes) draw = (draw << 8n) | BigInt(byte);
      if (draw < maxExclusive) return draw;
    }
  } finally {
    bytes.fill(0);
  }
}
