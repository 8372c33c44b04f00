/**
 * Random passwords from chosen character sets, with at least `minimumPerSet` characters from each set.
 *
 * Rather than drawing the required characters first and shuffling (which is not uniform and makes the
 * strength hard to state), every password that meets the rules is equally likely: each position's set
 * is chosen with probability proportional to the number of valid passwords that remain possible
 * (count-passwords.ts). So the required characters land anywhere, with no bias toward the start,
 * and entropyBits() is exactly log2 of the number of possible passwords.
 */
import { resolveCharacterSets } from './character-sets';
import { createPasswordCounter, decremented } from './count-passwords';
import { GeneratorOptionsError } from './options-error';
import { randomBigInt, secureRandom } from './random-int';
import type { RandomSource } from './random-int';
import type { PasswordRules } from './password-rules';
import { choicesFrom, planBits, planRulePassword, walkOf } from './plan-rule-password';

export type PasswordOptions = {
  /** 8 to 128 characters. */
  length: number;
  lower: boolean;
  upper: boolean;
  digits: boolean;
  symbols: boolean;
  /** Leave out I l 1 | O o 0 and quote marks. */
  excludeLookAlikes: boolean;
  /** How many characters each chosen set must contribute at least (0 to 5). */
  minimumPerSet: number;
};

export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
export const MAX_MINIMUM_PER_SET = 5;

export const DEFAULT_PASSWORD_OPTIONS: Readonly<PasswordOptions> = Object.freeze({
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
  excludeLookAlikes: false,
  minimumPerSet: 1,
});

/** Fills in defaults and checks the options; throws GeneratorOptionsError saying what is wrong. */
export function resolvePasswordOptions(options: Partial<PasswordOptions> = {}): PasswordOptions {
  const resolved = { ...DEFAULT_PASSWORD_OPTIONS, ...options };
  const { length, minimumPerSet } = resolved;
  if (!Number.isInteger(length) || length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    throw new GeneratorOptionsError(`Password length must be a whole number from ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max}.`);
  }
  if (!resolved.lower && !resolved.upper && !resolved.digits && !resolved.symbols) {
    throw new GeneratorOptionsError('Choose at least one kind of character (lower case, upper case, digits or symbols).');
  }
  if (!Number.isInteger(minimumPerSet) || minimumPerSet < 0 || minimumPerSet > MAX_MINIMUM_PER_SET) {
    throw new GeneratorOptionsError(`The minimum per character kind must be a whole number from 0 to ${MAX_MINIMUM_PER_SET}.`);
  }
  const setCount = resolveCharacterSets(resolved).length;
  if (setCount * minimumPerSet > length) {
    throw new GeneratorOptionsError(`${setCount} kinds × ${minimumPerSet} each do not fit in ${length} characters.`);
  }
  return resolved;
}

export function generatePassword(options: Partial<PasswordOptions> = {}, rng: RandomSource = secureRandom): string {
  const resolved = resolvePasswordOptions(options);
  const sets = resolveCharacterSets(resolved);
  const counter = createPasswordCounter(
    sets.map((set) => set.length),
    resolved.minimumPerSet,
  );

  let need = sets.map(() => resolved.minimumPerSet);
  const chars: string[] = [];
  for (let remaining = resolved.length; remaining > 0; remaining -= 1) {
    // One uniform draw over all valid completions picks both the set and the character in it.
    let pick = randomBigInt(counter.count(remaining, need), rng);
    for (const [i, set] of sets.entries()) {
      const next = decremented(need, i);
      const completions = counter.count(remaining - 1, next);
      const weight = BigInt(set.length) * completions;
      if (pick < weight) {
        chars.push(set[Number(pick / completions)] as string);
        need = next;
        break;
      }
      pick -= weight;
    }
  }
  return chars.join('');
}

export type RulePassword = { password: string; bits: number };

/**
 * A password that obeys a site's rules (password-rules.ts) the first time: its length is the
 * preferred one moved inside the rule's bounds, and every valid password of that length is equally
 * likely (plan-rule-password.ts counts them). Null when the rules cannot be met or are too costly to
 * plan; the caller then uses other rules or the plain generator.
 */
export function generateRulePassword(rules: PasswordRules, options: { length?: number } = {}, rng: RandomSource = secureRandom): RulePassword | null {
  const preferred = options.length ?? DEFAULT_PASSWORD_OPTIONS.length;
  const plan = planRulePassword(rules, { preferred, max: PASSWORD_LENGTH.max });
  if (plan === null) return null;
  const walk = walkOf(plan);
  let state = { mask: 0, last: -1, run: 1 };
  const chars: string[] = [];
  for (let remaining = plan.length; remaining > 0; remaining -= 1) {
    const below = plan.counts[remaining - 1]!;
    let pick = randomBigInt(plan.counts[remaining]![walk.index(state.mask, state.last, state.run)]!, rng);
    for (const choice of choicesFrom(state, walk)) {
      const completions = below[walk.index(choice.next.mask, choice.next.last, choice.next.run)]!;
      const weight = BigInt(choice.chars) * completions;
      if (pick >= weight) {
        pick -= weight;
        continue;
      }
      const atom = plan.atoms[choice.atom]!;
      const previous = chars[chars.length - 1];
      // The atom's characters this choice stands for: the repeated one, or all but it.
      const options = choice.repeat ? [previous!] : walk.tracked ? atom.filter((c) => c !== previous) : atom;
      chars.push(options[Number(pick / completions)]!);
      state = choice.next;
      break;
    }
  }
  return { password: chars.join(''), bits: planBits(plan) };
}
