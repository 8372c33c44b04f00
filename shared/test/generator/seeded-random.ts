// Deterministic random sources for generator tests: a ChaCha20 stream from a fixed seed (so the
// statistical tests never flake), and a scripted source that returns chosen 32-bit draws.
import { rngChacha20 } from '@noble/ciphers/chacha.js';
import type { RandomSource } from '../../src/generator/random-int';

export function seededRandom(seed: number): RandomSource {
  const prg = rngChacha20(new Uint8Array(32).fill(seed));
  return (bytes) => {
    bytes.set(prg.randomBytes(bytes.length));
  };
}

/** Serves the given 32-bit values big-endian, 4 bytes per call, and fails loudly when they run out. */
export function scriptedRandom(draws: readonly number[]): RandomSource {
  const queue = [...draws];
  return (bytes) => {
    const next = queue.shift();
    if (next === undefined || bytes.length !== 4) throw new Error('scripted random source exhausted or misused');
    new DataView(bytes.buffer, bytes.byteOffset, 4).setUint32(0, next);
  };
}

/** Pearson's chi-squared statistic of observed counts against expected counts. */
export function chiSquared(observed: readonly number[], expected: readonly number[]): number {
  return observed.reduce((sum, o, i) => {
    const e = expected[i] as number;
    return sum + (o - e) ** 2 / e;
  }, 0);
}

/** Upper critical values of the chi-squared distribution at α = 0.001, by degrees of freedom. */
export const CHI_SQUARED_CRITICAL_0_001: Readonly<Record<number, number>> = {
  2: 13.816,
  3: 16.266,
  6: 22.458,
  7: 24.322,
  11: 31.264,
};
