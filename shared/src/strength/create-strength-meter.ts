/**
 * Password strength for the UI (zxcvbn-ts with the common and English dictionaries) and the rule a
 * new master password must pass.
 *
 * The dictionaries are about a megabyte of code, so they load on the first measurement, not when
 * the meter is created: screens that never measure never pay for them, and bundlers can split them
 * into their own chunk. Crack times shown are for an offline attack on a slow hash (10^4 guesses per
 * second in zxcvbn's model), the threat to a stolen vault protected by Argon2id.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { OptionsType, Score } from '@zxcvbn-ts/core';

export type StrengthResult = {
  /** 0 (too guessable) … 4 (very unguessable), zxcvbn's scale. */
  score: Score;
  guessesLog10: number;
  /** What makes the password weak, in words for the user; null when nothing stands out. */
  warning: string | null;
  suggestions: string[];
  crackTimeDisplay: string;
};

export type MasterPasswordCheck =
  { ok: true; strength: StrengthResult } | { ok: false; reason: 'too-short' | 'too-weak'; message: string; strength: StrengthResult };

export type StrengthMeterDeps = {
  /** Loads the zxcvbn options (dictionaries, keyboard graphs, translations); called at most once. */
  loadOptions?: () => Promise<OptionsType>;
};

export const MASTER_PASSWORD_MIN_LENGTH = 12;
export const MASTER_PASSWORD_MIN_SCORE = 3;

export async function loadEnglishOptions(): Promise<OptionsType> {
  const [common, english] = await Promise.all([import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
  return {
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  };
}

export function createStrengthMeter({ loadOptions = loadEnglishOptions }: StrengthMeterDeps = {}) {
  let factory: Promise<ZxcvbnFactory> | undefined;
  const getFactory = (): Promise<ZxcvbnFactory> => {
    if (factory === undefined) {
      factory = loadOptions().then((options) => new ZxcvbnFactory(options));
      // A failed load (e.g. a chunk that did not download) is retried on the next call.
      factory.catch(() => {
        factory = undefined;
      });
    }
    return factory;
  };

  async function measure(password: string, userInputs: readonly string[] = []): Promise<StrengthResult> {
    const result = (await getFactory()).check(password, expandUserInputs(userInputs));
    return {
      score: result.score,
      guessesLog10: result.guessesLog10,
      warning: result.feedback.warning,
      suggestions: result.feedback.suggestions,
      crackTimeDisplay: result.crackTimes.offlineSlowHashingXPerSecond.display,
    };
  }

  /**
   * Whether a new master password is good enough: at least 12 characters and a zxcvbn score of 3.
   * `userInputs` are things an attacker would try first: the account email, the user's name.
   */
  async function assertMasterPasswordAcceptable(password: string, userInputs: readonly string[] = []): Promise<MasterPasswordCheck> {
    const strength = await measure(password, userInputs);
    const length = [...password].length;
    if (length < MASTER_PASSWORD_MIN_LENGTH) {
      return {
        ok: false,
        reason: 'too-short',
        message: `Use at least ${MASTER_PASSWORD_MIN_LENGTH} characters; this one has ${length}. A few unrelated words make a long password that is easy to remember.`,
        strength,
      };
    }
    if (strength.score < MASTER_PASSWORD_MIN_SCORE) {
      const why = strength.warning ?? 'It follows a pattern that password crackers try early.';
      const advice = strength.suggestions.length > 0 ? ` ${strength.suggestions.join(' ')}` : '';
      return {
        ok: false,
        reason: 'too-weak',
        message: `This password would be guessed too quickly (about ${strength.crackTimeDisplay} for an attacker with a copy of your vault). ${why}${advice}`,
        strength,
      };
    }
    return { ok: true, strength };
  }

  return { measure, assertMasterPasswordAcceptable };
}

export type StrengthMeter = ReturnType<typeof createStrengthMeter>;

/**
 * zxcvbn matches user inputs only as whole words, so "alice.smith@example.com" would not catch
 * "AliceSmith!". Add each input's pieces (split at anything but letters and digits) and, for an
 * email address, its local part.
 */
function expandUserInputs(inputs: readonly string[]): string[] {
  const expanded = new Set<string>();
  for (const input of inputs) {
    const lower = input.toLowerCase().trim();
    if (lower === '') continue;
    expanded.add(lower);
    const at = lower.lastIndexOf('@');
    if (at > 0) expanded.add(lower.slice(0, at));
    for (const piece of lower.split(/[^\p{L}\p{N}]+/u)) if (piece.length >= 3) expanded.add(piece);
  }
  return [...expanded];
}
