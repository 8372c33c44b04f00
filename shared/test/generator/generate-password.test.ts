// Generated passwords: length and character sets as asked, every chosen set present, look-alikes
// left out, and every valid password equally likely (no bias toward placing required characters first).
import { describe, expect, it } from 'vitest';
import { LOOK_ALIKES } from '../../src/generator/character-sets';
import { generatePassword } from '../../src/generator/generate-password';
import { GeneratorOptionsError } from '../../src/generator/options-error';
import { randomInt } from '../../src/generator/random-int';
import type { RandomSource } from '../../src/generator/random-int';
import { CHI_SQUARED_CRITICAL_0_001, chiSquared, seededRandom } from './seeded-random';

const LOWER = /[a-z]/;
const UPPER = /[A-Z]/;
const DIGIT = /[0-9]/;
const SYMBOL = /[^a-zA-Z0-9]/;
const count = (text: string, pattern: RegExp) => [...text].filter((char) => pattern.test(char)).length;

describe('generatePassword', () => {
  it.each([8, 20, 64, 128])('makes passwords of length %i', (length) => {
    expect(generatePassword({ length })).toHaveLength(length);
  });

  it('defaults to 20 characters from all four sets', () => {
    const password = generatePassword();
    expect(password).toHaveLength(20);
    for (const pattern of [LOWER, UPPER, DIGIT, SYMBOL]) expect(password).toMatch(pattern);
  });

  it('always includes every chosen set, even in the shortest password', () => {
    const rng = seededRandom(10);
    for (let i = 0; i < 2_000; i += 1) {
      const password = generatePassword({ length: 8 }, rng);
      for (const pattern of [LOWER, UPPER, DIGIT, SYMBOL]) expect(password).toMatch(pattern);
    }
  });

  it('honours a larger minimum per set', () => {
    const rng = seededRandom(11);
    for (let i = 0; i < 500; i += 1) {
      const password = generatePassword({ length: 12, minimumPerSet: 3 }, rng);
      for (const pattern of [LOWER, UPPER, DIGIT, SYMBOL]) expect(count(password, pattern)).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses only the chosen sets', () => {
    const rng = seededRandom(12);
    const only = { lower: false, upper: false, digits: false, symbols: false };
    expect(generatePassword({ ...only, digits: true, length: 64 }, rng)).toMatch(/^[0-9]{64}$/);
    expect(generatePassword({ ...only, lower: true, digits: true, length: 64 }, rng)).toMatch(/^[a-z0-9]{64}$/);
    expect(generatePassword({ ...only, symbols: true, length: 64 }, rng)).toMatch(/^[^a-zA-Z0-9]{64}$/);
  });

  it('leaves out look-alike characters when asked', () => {
    const rng = seededRandom(13);
    const text = Array.from({ length: 80 }, () => generatePassword({ length: 128, excludeLookAlikes: true }, rng)).join('');
    for (const char of LOOK_ALIKES) expect(text).not.toContain(char);
    // …and without the option they do occur.
    const plain = Array.from({ length: 80 }, () => generatePassword({ length: 128 }, rng)).join('');
    for (const char of LOOK_ALIKES) expect(plain).toContain(char);
  });

  it('is reproducible from a seeded source and varies from draw to draw', () => {
    expect(generatePassword({}, seededRandom(14))).toBe(generatePassword({}, seededRandom(14)));
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword({ length: 8 })));
    expect(seen.size).toBe(100);
  });

  it.each([
    [{ length: 7 }, /length/],
    [{ length: 129 }, /length/],
    [{ length: 12.5 }, /length/],
    [{ lower: false, upper: false, digits: false, symbols: false }, /at least one kind/],
    [{ length: 8, minimumPerSet: 3 }, /do not fit/],
    [{ minimumPerSet: -1 }, /minimum/],
    [{ minimumPerSet: 6 }, /minimum/],
  ])('refuses %j', (options, message) => {
    expect(() => generatePassword(options)).toThrow(GeneratorOptionsError);
    expect(() => generatePassword(options)).toThrow(message);
  });
});

describe('every valid password is equally likely', () => {
  // Lower case and digits, length 8, at least one digit (and one letter). Uniform over the valid
  // passwords means: where the digits sit is uniform over positions, and the number of digits k
  // follows C(8,k)·10^k·26^(8−k) / total.
  const options = { length: 8, lower: true, upper: false, digits: true, symbols: false, minimumPerSet: 1 };
  const SAMPLES = 8_000;

  // A common but wrong way: one character from each set first, the rest from the pool, no shuffle.
  function requiredFirst(rng: RandomSource): string {
    const lower = 'abcdefghijklmnopqrstuvwxyz';
    const pool = `${lower}0123456789`;
    let out = `${lower[randomInt(26, rng)]}${randomInt(10, rng)}`;
    while (out.length < 8) out += pool[randomInt(pool.length, rng)];
    return out;
  }
  // Another: the same, then shuffled. Positions are now fine, but passwords with many digits come up
  // too often (the forced digit is added on top of the random ones).
  function requiredThenShuffled(rng: RandomSource): string {
    const chars = [...requiredFirst(rng)];
    for (let i = chars.length - 1; i > 0; i -= 1) {
      const j = randomInt(i + 1, rng);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    return chars.join('');
  }

  function positionStatistic(generate: (rng: RandomSource) => string): number {
    const rng = seededRandom(20);
    const perPosition = new Array<number>(8).fill(0);
    let digits = 0;
    for (let i = 0; i < SAMPLES; i += 1) {
      [...generate(rng)].forEach((char, position) => {
        if (DIGIT.test(char)) {
          perPosition[position] = (perPosition[position] as number) + 1;
          digits += 1;
        }
      });
    }
    return chiSquared(perPosition, new Array<number>(8).fill(digits / 8));
  }

  function digitCountStatistic(generate: (rng: RandomSource) => string): number {
    const rng = seededRandom(21);
    const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n, k - 1) * (n - k + 1)) / k);
    const weight = (k: number) => binomial(8, k) * 10 ** k * 26 ** (8 - k);
    const valid = [1, 2, 3, 4, 5, 6, 7].reduce((sum, k) => sum + weight(k), 0);
    // Bins: 1, 2, 3, 4 and more digits.
    const probabilities = [weight(1), weight(2), weight(3), [4, 5, 6, 7].reduce((sum, k) => sum + weight(k), 0)].map((w) => w / valid);
    const observed = [0, 0, 0, 0];
    for (let i = 0; i < SAMPLES; i += 1) {
      const bin = Math.min(count(generate(rng), DIGIT), 4) - 1;
      observed[bin] = (observed[bin] as number) + 1;
    }
    return chiSquared(
      observed,
      probabilities.map((p) => p * SAMPLES),
    );
  }

  const positions = CHI_SQUARED_CRITICAL_0_001[7] as number;
  const digitCounts = CHI_SQUARED_CRITICAL_0_001[3] as number;

  it('negative controls: both tests reject the required-first way, the count test the shuffled way', () => {
    expect(positionStatistic(requiredFirst)).toBeGreaterThan(positions);
    expect(digitCountStatistic(requiredThenShuffled)).toBeGreaterThan(digitCounts);
  });

  it('required characters land at uniformly random positions', () => {
    expect(positionStatistic((rng) => generatePassword(options, rng))).toBeLessThan(positions);
  });

  it('the number of digits follows the uniform distribution over valid passwords', () => {
    expect(digitCountStatistic((rng) => generatePassword(options, rng))).toBeLessThan(digitCounts);
  });
});
