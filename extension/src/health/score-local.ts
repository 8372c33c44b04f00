// zxcvbn scoring in the current thread, with vault health's settings: the English and common
// dictionaries, and l33t substitutions capped at 10 — zxcvbn tries every combination (100 by
// default): about 0.5 s for a 40-character generated password here, hours for a large vault; ten
// keeps the scores of the passwords we measured and is ~10x faster (docs/adr/0016-vault-health.md).
import type { Score } from '@zxcvbn-ts/core';
import { createStrengthMeter, loadEnglishOptions, type StrengthMeter } from '@keyhold/shared/strength/create-strength-meter';

export const HEALTH_L33T_MAX_SUBSTITUTIONS = 10;

let meter: StrengthMeter | undefined;

export async function scoreInThisThread(passwords: readonly string[]): Promise<Score[]> {
  meter ??= createStrengthMeter({
    loadOptions: async () => ({ ...(await loadEnglishOptions()), l33tMaxSubstitutions: HEALTH_L33T_MAX_SUBSTITUTIONS }),
  });
  const scores: Score[] = [];
  for (const password of passwords) scores.push((await meter.measure(password)).score);
  return scores;
}
