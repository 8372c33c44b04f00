/**
 * How many bits of entropy a generator setting gives: log2 of the number of equally likely outputs,
 * what a guesser who knows the settings has to search. Shown beside the generator.
 *
 * Passwords: generate-password.ts picks uniformly among the passwords that satisfy the rules, so
 * this is exactly log2(count of those passwords) — below length × log2(pool) whenever a minimum per
 * set rules some passwords out.
 * Passphrases: words × log2(7,776), plus 1 bit per word for random capitalisation, plus
 * log2(10 × words) for the digit and the word it is appended to. The EFF list is prefix-free, so
 * distinct choices give distinct passphrases; the exception is the '-' separator, which four
 * hyphenated words ("drop-down", "felt-tip", "t-shirt", "yo-yo") can imitate — a loss far below
 * 0.01 bit, ignored.
 */
import { resolveCharacterSets } from './character-sets';
import { createPasswordCounter, log2BigInt } from './count-passwords';
import { EFF_LARGE_WORDLIST } from './eff-large-wordlist';
import { resolvePassphraseOptions } from './generate-passphrase';
import type { PassphraseOptions } from './generate-passphrase';
import { resolvePasswordOptions } from './generate-password';
import type { PasswordOptions } from './generate-password';

export type GeneratorSettings = ({ kind: 'password' } & Partial<PasswordOptions>) | ({ kind: 'passphrase' } & Partial<PassphraseOptions>);

export function entropyBits(settings: GeneratorSettings): number {
  if (settings.kind === 'password') {
    const options = resolvePasswordOptions(settings);
    const sizes = resolveCharacterSets(options).map((set) => set.length);
    const counter = createPasswordCounter(sizes, options.minimumPerSet);
    return log2BigInt(
      counter.count(
        options.length,
        sizes.map(() => options.minimumPerSet),
      ),
    );
  }
  const options = resolvePassphraseOptions(settings);
  const perWord = Math.log2(EFF_LARGE_WORDLIST.length) + (options.capitalize === 'random' ? 1 : 0);
  const number = options.includeNumber ? Math.log2(10 * options.words) : 0;
  return options.words * perWord + number;
}
