// randomInt must be uniform: a chi-squared test that catches modulo bias, shown to catch it by
// running the same test on a deliberately biased `x % n` sampler.
import { describe, expect, it } from 'vitest';
import { randomBigInt, randomInt } from '../../src/generator/random-int';
import type { RandomSource } from '../../src/generator/random-int';
import { CHI_SQUARED_CRITICAL_0_001, chiSquared, scriptedRandom, seededRandom } from './seeded-random';

// With n = 3·2^30, `x % n` over 32-bit x hits [0, 2^30) twice as often as the rest: the worst case
// of modulo bias, large enough to measure. Outputs are grouped into 12 equal buckets.
const N = 3 * 2 ** 30;
const BUCKETS = 12;
const SAMPLES = 12_000;

function bucketStatistic(sample: () => number): number {
  const counts = new Array<number>(BUCKETS).fill(0);
  for (let i = 0; i < SAMPLES; i += 1) {
    const value = sample();
    const bucket = Math.floor((value * BUCKETS) / N);
    counts[bucket] = (counts[bucket] as number) + 1;
  }
  return chiSquared(counts, new Array<number>(BUCKETS).fill(SAMPLES / BUCKETS));
}

function biasedModulo(maxExclusive: number, rng: RandomSource): number {
  const bytes = new Uint8Array(4);
  rng(bytes);
  return new DataView(bytes.buffer).getUint32(0) % maxExclusive;
}

describe('randomInt', () => {
  const critical = CHI_SQUARED_CRITICAL_0_001[BUCKETS - 1] as number;

  it('negative control: the chi-squared test rejects a plain `x % n` sampler', () => {
    const rng = seededRandom(1);
    expect(bucketStatistic(() => biasedModulo(N, rng))).toBeGreaterThan(critical);
  });

  it('passes the same chi-squared test', () => {
    const rng = seededRandom(1);
    expect(bucketStatistic(() => randomInt(N, rng))).toBeLessThan(critical);
  });

  it('is uniform over a small range too', () => {
    const rng = seededRandom(2);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 7_000; i += 1) {
      const value = randomInt(7, rng);
      counts[value] = (counts[value] as number) + 1;
    }
    expect(chiSquared(counts, new Array<number>(7).fill(1_000))).toBeLessThan(CHI_SQUARED_CRITICAL_0_001[6] as number);
  });

  it('redraws values from the incomplete last block instead of folding them', () => {
    // 0xFFFFFFFF % N would be 2^30 - 1; it lies above the last full block, so it is discarded.
    expect(randomInt(N, scriptedRandom([0xffff_ffff, 5]))).toBe(5);
    expect(randomInt(N, scriptedRandom([N - 1]))).toBe(N - 1);
    expect(randomInt(N, scriptedRandom([N, 7]))).toBe(7);
  });

  it('covers the whole range, ends included', () => {
    expect(randomInt(10, scriptedRandom([0]))).toBe(0);
    expect(randomInt(10, scriptedRandom([0xffff_fff9]))).toBe(9);
    expect(randomInt(2 ** 32, scriptedRandom([0xffff_ffff]))).toBe(0xffff_ffff);
    expect(randomInt(1, scriptedRandom([123]))).toBe(0);
  });

  it.each([0, -1, 1.5, 2 ** 32 + 1, Number.NaN])('refuses maxExclusive = %s', (max) => {
    expect(() => randomInt(max)).toThrow(RangeError);
  });

  it('uses the platform CSPRNG by default', () => {
    const seen = new Set(Array.from({ length: 50 }, () => randomInt(2 ** 32)));
    expect(seen.size).toBeGreaterThan(45);
  });
});

describe('randomBigInt', () => {
  it('is uniform across a range wider than 2^53', () => {
    const rng = seededRandom(3);
    const max = 3n * 2n ** 70n; // 72-bit draws; 1/4 of them are redrawn
    const counts = new Array<number>(BUCKETS).fill(0);
    for (let i = 0; i < SAMPLES; i += 1) {
      const bucket = Number((randomBigInt(max, rng) * BigInt(BUCKETS)) / max);
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    const statistic = chiSquared(counts, new Array<number>(BUCKETS).fill(SAMPLES / BUCKETS));
    expect(statistic).toBeLessThan(CHI_SQUARED_CRITICAL_0_001[BUCKETS - 1] as number);
  });

  it('never returns maxExclusive or more', () => {
    const rng = seededRandom(4);
    for (let i = 0; i < 2_000; i += 1) expect(randomBigInt(5n, rng)).toBeLessThan(5n);
    expect(randomBigInt(1n, rng)).toBe(0n);
    expect(() => randomBigInt(0n, rng)).toThrow(RangeError);
  });
});
