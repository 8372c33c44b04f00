// zxcvbn scores for vault health, in batches. zxcvbn loads about 1.6 MB of dictionaries with
// import(), which a Chrome service worker may not call, and which would slow every worker start if
// bundled statically: so in Chrome the batch goes to the offscreen document (a hidden page, not a
// view's UI thread), and in Firefox, whose background is an event page, it is scored right there.
// The batch crosses only the extension's own runtime messaging, addressed to the offscreen page.
import type { Score } from '@zxcvbn-ts/core';
import { browser } from 'wxt/browser';
import { createStrengthMeter, loadEnglishOptions, type StrengthMeter } from '@keyhold/shared/strength/create-strength-meter';
import { ensureOffscreenDocument } from '../common/offscreen-document';

export const SCORE_MESSAGE = 'health.score';
/** Passwords per message: a chunk of the run, bounded so one message stays small. */
export const MAX_SCORE_BATCH = 200;

export type ScoreRequest = { target: 'offscreen'; type: typeof SCORE_MESSAGE; passwords: string[] };

/**
 * zxcvbn tries every combination of l33t substitutions (100 by default): about 0.5 s for a
 * 40-character generated password here, hours for a large vault. Ten keeps the scores of the
 * passwords we measured and makes scoring ~10x faster (docs/architecture.md, "Vault health").
 */
export const HEALTH_L33T_MAX_SUBSTITUTIONS = 10;

let meter: StrengthMeter | undefined;

/** Scores in this context (the offscreen page, Firefox's event page, Node tests). */
export async function scoreHere(passwords: readonly string[]): Promise<Score[]> {
  meter ??= createStrengthMeter({
    loadOptions: async () => ({ ...(await loadEnglishOptions()), l33tMaxSubstitutions: HEALTH_L33T_MAX_SUBSTITUTIONS }),
  });
  const scores: Score[] = [];
  for (const password of passwords) scores.push((await meter.measure(password)).score);
  return scores;
}

export async function scorePasswords(passwords: readonly string[]): Promise<Score[]> {
  if (passwords.length === 0) return [];
  if (typeof document !== 'undefined') return scoreHere(passwords);
  await ensureOffscreenDocument('WORKERS', 'Score password strength for the vault health report.');
  const request: ScoreRequest = { target: 'offscreen', type: SCORE_MESSAGE, passwords: [...passwords] };
  const reply = (await browser.runtime.sendMessage(request)) as unknown;
  if (!Array.isArray(reply) || reply.length !== passwords.length || !reply.every((s) => Number.isInteger(s) && s >= 0 && s <= 4)) {
    throw new Error('The offscreen document did not score the passwords.');
  }
  return reply as Score[];
}

/** The offscreen page's side: answers a score request from our own background. */
export function isScoreRequest(message: unknown): message is ScoreRequest {
  const m = message as Partial<ScoreRequest> | null;
  return (
    m?.target === 'offscreen' &&
    m.type === SCORE_MESSAGE &&
    Array.isArray(m.passwords) &&
    m.passwords.length <= MAX_SCORE_BATCH &&
    m.passwords.every((p) => typeof p === 'string')
  );
}
