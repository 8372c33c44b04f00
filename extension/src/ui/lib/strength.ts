// The password-strength meter for the master password and item passwords (shared/strength:
// zxcvbn-ts). Its module and dictionaries are large, so they load on first use, never on the
// popup's first paint.
import type { StrengthMeter } from '@keyhold/shared/strength/create-strength-meter';
import { t } from '../../i18n/messages';

export type StrengthReport = { score: 0 | 1 | 2 | 3 | 4; warning: string; crackTime: string };
export type MasterCheck = { ok: true } | { ok: false; reason: string };

let meter: Promise<StrengthMeter> | null = null;

function loadMeter(): Promise<StrengthMeter> {
  meter ??= import('@keyhold/shared/strength/create-strength-meter').then((m) => m.createStrengthMeter());
  // A chunk that failed to load is retried on the next call.
  meter.catch(() => (meter = null));
  return meter;
}

export async function measureStrength(password: string, userInputs: readonly string[] = []): Promise<StrengthReport> {
  const result = await (await loadMeter()).measure(password, userInputs);
  return { score: result.score, warning: result.warning ?? '', crackTime: result.crackTimeDisplay };
}

/** The master-password rule (length and zxcvbn score), with the reason when it is refused. */
export async function checkMasterPassword(password: string, userInputs: readonly string[] = []): Promise<MasterCheck> {
  const result = await (await loadMeter()).assertMasterPasswordAcceptable(password, userInputs);
  return result.ok ? { ok: true } : { ok: false, reason: result.message };
}

export type NewMasterCheck = { ok: true } | { ok: false; field: 'password' | 'confirm'; reason: string };

/** A new master password as every form takes it (create, change, reset): the rule above, then the confirmation typed the same. */
export async function checkNewMasterPassword(password: string, confirm: string): Promise<NewMasterCheck> {
  const check = await checkMasterPassword(password);
  if (!check.ok) return { ok: false, field: 'password', reason: check.reason };
  if (password !== confirm) return { ok: false, field: 'confirm', reason: t('common_passwords_differ') };
  return { ok: true };
}

export const SCORE_LABELS = [
  t('strength_very_weak'),
  t('strength_weak'),
  t('strength_fair'),
  t('strength_strong'),
  t('strength_very_strong'),
] as const;
