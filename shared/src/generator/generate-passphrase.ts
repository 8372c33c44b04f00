/**
 * Passphrases of words drawn uniformly from the EFF large word list (7,776 words, 12.9 bits each),
 * optionally capitalised and with one digit appended to one word for sites that demand a number.
 */
import { EFF_LARGE_WORDLIST } from './eff-large-wordlist';
import { GeneratorOptionsError } from './options-error';
import { randomInt, secureRandom } from './random-int';
import type { RandomSource } from './random-int';

export type Capitalize = 'none' | 'first' | 'all' | 'random';

export type PassphraseOptions = {
  /** 3 to 20 words. */
  words: number;
  /** Up to 3 characters between words; no letters or digits, which would blur the word boundaries. */
  separator: string;
  /** 'first': capitalise each word's first letter; 'all': whole words in capitals; 'random': each word's first letter, by coin flip. */
  capitalize: Capitalize;
  /** Append one random digit to one randomly chosen word. */
  includeNumber: boolean;
};

export const PASSPHRASE_WORDS = { min: 3, max: 20 } as const;
export const MAX_SEPARATOR_LENGTH = 3;

export const DEFAULT_PASSPHRASE_OPTIONS: Readonly<PassphraseOptions> = Object.freeze({
  words: 6,
  separator: '-',
  capitalize: 'none',
  includeNumber: false,
});

export const CAPITALIZE_CHOICES: readonly Capitalize[] = ['none', 'first', 'all', 'random'];

/** A separator keeps word boundaries clear: at most MAX_SEPARATOR_LENGTH characters, no letters or digits. */
export function isPassphraseSeparator(value: string): boolean {
  return [...value].length <= MAX_SEPARATOR_LENGTH && !/[\p{L}\p{N}]/u.test(value);
}

/** Fills in defaults and checks the options; throws GeneratorOptionsError saying what is wrong. */
export function resolvePassphraseOptions(options: Partial<PassphraseOptions> = {}): PassphraseOptions {
  const resolved = { ...DEFAULT_PASSPHRASE_OPTIONS, ...options };
  if (!Number.isInteger(resolved.words) || resolved.words < PASSPHRASE_WORDS.min || resolved.words > PASSPHRASE_WORDS.max) {
    throw new GeneratorOptionsError(`A passphrase has ${PASSPHRASE_WORDS.min} to ${PASSPHRASE_WORDS.max} words.`);
  }
  if (!isPassphraseSeparator(resolved.separator)) {
    throw new GeneratorOptionsError(`The separator is at most ${MAX_SEPARATOR_LENGTH} characters, without letters or digits.`);
  }
  if (!CAPITALIZE_CHOICES.includes(resolved.capitalize)) {
    throw new GeneratorOptionsError(`Capitalisation must be one of ${CAPITALIZE_CHOICES.join(', ')}.`);
  }
  return resolved;
}

export function generatePassphrase(options: Partial<PassphraseOptions> = {}, rng: RandomSource = secureRandom): string {
  const resolved = resolvePassphraseOptions(options);
  const words = Array.from({ length: resolved.words }, () => {
    const word = EFF_LARGE_WORDLIST[randomInt(EFF_LARGE_WORDLIST.length, rng)] as string;
    return capitalized(word, resolved.capitalize, rng);
  });
  if (resolved.includeNumber) {
    const index = randomInt(words.length, rng);
    words[index] = `${words[index]}${randomInt(10, rng)}`;
  }
  return words.join(resolved.separator);
}

function capitalized(word: string, capitalize: Capitalize, rng: RandomSource): string {
  switch (capitalize) {
    case 'none':
      return word;
    case 'all':
      return word.toUpperCase();
    case 'first':
      return upperFirst(word);
    case 'random':
      return randomInt(2, rng) === 1 ? upperFirst(word) : word;
  }
}

function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
