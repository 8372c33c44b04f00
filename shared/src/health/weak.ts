/**
 * Weak passwords by zxcvbn's score (0–4, strength/create-strength-meter.ts): below 3 ("safely
 * unguessable: moderate protection from offline slow-hash scenario") is weak, the same bar the
 * master password must clear.
 */
import type { Score } from '@zxcvbn-ts/core';
import { MASTER_PASSWORD_MIN_SCORE } from '../strength/create-strength-meter';

export const WEAK_BELOW_SCORE = MASTER_PASSWORD_MIN_SCORE;

export function isWeakScore(score: Score): boolean {
  return score < WEAK_BELOW_SCORE;
}
