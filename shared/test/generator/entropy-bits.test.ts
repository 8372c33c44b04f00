// The strength figure shown beside the generator must be honest: exact for passwords (checked by
// brute force and by inclusion–exclusion), words × log2(7,776) plus extras for passphrases.
import { describe, expect, it } from 'vitest';
import { createPasswordCounter, log2BigInt } from '../../src/generator/count-passwords';
import { entropyBits } from '../../src/generator/entropy-bits';

/** Counts strings over sets of the given sizes having ≥ minimum characters of each set, by enumeration. */
function bruteForce(sizes: readonly number[], length: number, minimum: number): number {
  const owner = sizes.flatMap((size, set) => new Array<number>(size).fill(set));
  let valid = 0;
  const perSet = new Array<number>(sizes.length).fill(0);
  const walk = (position: number): void => {
    if (position === length) {
      if (perSet.every((n) => n >= minimum)) valid += 1;
      return;
    }
    for (const set of owner) {
      perSet[set] = (perSet[set] as number) + 1;
      walk(position + 1);
      perSet[set] = (perSet[set] as number) - 1;
    }
  };
  walk(0);
  return valid;
}

/** At least one from each set: Σ over subsets T left out of (−1)^|T| (pool − size(T))^length. */
function inclusionExclusion(sizes: readonly number[], length: number): bigint {
  let total = 0n;
  for (let mask = 0; mask < 1 << sizes.length; mask += 1) {
    const excluded = sizes.reduce((sum, size, i) => (mask & (1 << i) ? sum + size : sum), 0);
    const pool = BigInt(sizes.reduce((a, b) => a + b, 0) - excluded);
    const sign = sizes.filter((_, i) => mask & (1 << i)).length % 2 === 0 ? 1n : -1n;
    total += sign * pool ** BigInt(length);
  }
  return total;
}

describe('password counting', () => {
  it.each([
    [[2, 1], 4, 1],
    [[3, 2, 1], 5, 1],
    [[2, 2, 1], 6, 2],
    [[3, 1], 5, 0],
    [[1, 1, 1], 3, 1],
  ])('sizes %j, length %i, minimum %i: matches enumeration', (sizes, length, minimum) => {
    const counter = createPasswordCounter(sizes, minimum);
    expect(
      counter.count(
        length,
        sizes.map(() => minimum),
      ),
    ).toBe(BigInt(bruteForce(sizes, length, minimum)));
  });

  it('matches inclusion–exclusion for the real sets at full length', () => {
    const sizes = [26, 26, 10, 32];
    const counter = createPasswordCounter(sizes, 1);
    for (const length of [8, 20, 128]) expect(counter.count(length, [1, 1, 1, 1])).toBe(inclusionExclusion(sizes, length));
  });

  it('takes log2 of numbers far beyond 2^53', () => {
    expect(log2BigInt(2n ** 800n)).toBe(800);
    expect(log2BigInt(3n * 2n ** 700n)).toBeCloseTo(700 + Math.log2(3), 9);
    expect(log2BigInt(94n ** 128n)).toBeCloseTo(128 * Math.log2(94), 9);
  });
});

describe('entropyBits', () => {
  it('is length × log2(pool) when no set is required', () => {
    expect(entropyBits({ kind: 'password', length: 20, minimumPerSet: 0 })).toBeCloseTo(20 * Math.log2(94), 9);
    expect(entropyBits({ kind: 'password', length: 16, lower: true, upper: false, digits: false, symbols: false, minimumPerSet: 0 })).toBeCloseTo(
      16 * Math.log2(26),
      9,
    );
  });

  it('subtracts exactly what the "one of each" rule rules out', () => {
    const required = entropyBits({ kind: 'password', length: 8 });
    expect(required).toBeCloseTo(log2BigInt(inclusionExclusion([26, 26, 10, 32], 8)), 9);
    expect(required).toBeLessThan(8 * Math.log2(94));
    expect(8 * Math.log2(94) - required).toBeGreaterThan(0.5); // a real loss at length 8…
    const long = entropyBits({ kind: 'password', length: 20 });
    expect(20 * Math.log2(94) - long).toBeLessThan(0.2); // …and a small one at length 20
  });

  it('counts the smaller pool when look-alikes are excluded', () => {
    const pool = 94 - 10; // I l 1 | O o 0 ' " `
    expect(entropyBits({ kind: 'password', length: 30, excludeLookAlikes: true, minimumPerSet: 0 })).toBeCloseTo(30 * Math.log2(pool), 9);
  });

  it('gives passphrases words × log2(7,776) plus the extras', () => {
    const perWord = Math.log2(7776);
    expect(entropyBits({ kind: 'passphrase' })).toBeCloseTo(6 * perWord, 9);
    expect(entropyBits({ kind: 'passphrase', words: 4 })).toBeCloseTo(4 * perWord, 9);
    expect(entropyBits({ kind: 'passphrase', capitalize: 'first' })).toBeCloseTo(6 * perWord, 9);
    expect(entropyBits({ kind: 'passphrase', capitalize: 'all' })).toBeCloseTo(6 * perWord, 9);
    expect(entropyBits({ kind: 'passphrase', capitalize: 'random' })).toBeCloseTo(6 * perWord + 6, 9);
    expect(entropyBits({ kind: 'passphrase', includeNumber: true })).toBeCloseTo(6 * perWord + Math.log2(60), 9);
  });

  it('refuses settings the generator would refuse', () => {
    expect(() => entropyBits({ kind: 'password', length: 4 })).toThrow(RangeError);
    expect(() => entropyBits({ kind: 'passphrase', words: 2 })).toThrow(RangeError);
  });
});
