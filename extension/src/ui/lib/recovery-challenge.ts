// The recovery-key check at the end of onboarding: the user re-types one randomly chosen group of
// the key they saved, proving they have a copy before the vault opens. Reading is as tolerant as the
// key format itself (shared/crypto/recovery-key.ts: Crockford base32, case-insensitive, I/L→1, O→0).
import { formatNumber } from '../../i18n/format';
import { catalogueLocale, t } from '../../i18n/messages';

/** The groups of a recovery key as shown ("ABCD-EFGH-…" or space separated). */
export function recoveryGroups(key: string): string[] {
  return key
    .trim()
    .split(/[\s-]+/u)
    .filter(Boolean);
}

/** A uniformly random group index (crypto randomness: nothing here needs to be predictable). */
export function pickGroupIndex(count: number, random: (max: number) => number = cryptoRandomBelow): number {
  if (count < 1) throw new RangeError('A recovery key has at least one group');
  return random(count);
}

function cryptoRandomBelow(max: number): number {
  // Rejection sampling so no group is favoured (a 32-bit value modulo `max` would be, slightly).
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % max;
  }
}

/** Crockford base32 reading rules (as decodeRecoveryKey): NFKC, upper case, I/L → 1, O → 0, no separators. */
export function normalizeRecoveryText(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}]+/gu, '')
    .replace(/[IL]/gu, '1')
    .replace(/O/gu, '0');
}

export function groupMatches(typed: string, expected: string): boolean {
  const a = normalizeRecoveryText(typed);
  return a !== '' && a === normalizeRecoveryText(expected);
}

/**
 * "3rd" style ordinals for "Type the 3rd group", in the catalogue's language: Intl.PluralRules'
 * ordinal category picks one of four messages (English needs all four: 1st, 2nd, 3rd, 4th; most
 * languages write the same form in each, "3." in German).
 */
export function ordinal(n: number): string {
  const category = new Intl.PluralRules(catalogueLocale(), { type: 'ordinal' }).select(n);
  const number = formatNumber(n);
  if (category === 'one') return t('common_ordinal_one', number);
  if (category === 'two') return t('common_ordinal_two', number);
  if (category === 'few') return t('common_ordinal_few', number);
  return t('common_ordinal_other', number);
}

/** The text of the "save as text file" download. */
export function recoveryKeyFileText(key: string, createdAt: Date): string {
  return [
    t('recovery_file_title'),
    '',
    key,
    '',
    t('recovery_file_created', createdAt.toISOString().slice(0, 10)),
    t('recovery_file_advice'),
    '',
  ].join('\n');
}
