// The generator's options as the UI keeps them between uses (in localStorage: they are preferences,
// not secrets), parsed defensively so a damaged stored value falls back to the defaults. The limits
// are shared/generator's own.
import { DEFAULT_PASSWORD_OPTIONS, PASSWORD_LENGTH, type PasswordOptions } from '@keyhold/shared/generator/generate-password';
import {
  DEFAULT_PASSPHRASE_OPTIONS,
  CAPITALIZE_CHOICES,
  isPassphraseSeparator,
  PASSPHRASE_WORDS,
  type Capitalize,
  type PassphraseOptions,
} from '@keyhold/shared/generator/generate-passphrase';
import { t } from '../../i18n/messages';

export { PASSPHRASE_WORDS, PASSWORD_LENGTH, type Capitalize };

/** The panel's password choices: shared/generator's options without the per-set minimum, which the panel leaves at its default. */
export type PanelPasswordOptions = Omit<PasswordOptions, 'minimumPerSet'>;

export type GeneratorOptions = { mode: 'password' | 'passphrase'; password: PanelPasswordOptions; passphrase: PassphraseOptions };

const { minimumPerSet: _minimumPerSet, ...defaultPassword } = DEFAULT_PASSWORD_OPTIONS;

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  mode: 'password',
  password: defaultPassword,
  passphrase: { ...DEFAULT_PASSPHRASE_OPTIONS },
};

const clampInt = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);

export function parseGeneratorOptions(raw: unknown): GeneratorOptions {
  const d = DEFAULT_GENERATOR_OPTIONS;
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const p = (typeof o.password === 'object' && o.password !== null ? o.password : {}) as Record<string, unknown>;
  const w = (typeof o.passphrase === 'object' && o.passphrase !== null ? o.passphrase : {}) as Record<string, unknown>;
  const password: PanelPasswordOptions = {
    length: clampInt(p.length, PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, d.password.length),
    lower: bool(p.lower, d.password.lower),
    upper: bool(p.upper, d.password.upper),
    digits: bool(p.digits, d.password.digits),
    symbols: bool(p.symbols, d.password.symbols),
    excludeLookAlikes: bool(p.excludeLookAlikes, d.password.excludeLookAlikes),
  };
  // At least one character set: a stored "none chosen" would make the generator refuse to work.
  if (!password.lower && !password.upper && !password.digits && !password.symbols) password.lower = true;
  const capitalize = CAPITALIZE_CHOICES.find((c) => c === w.capitalize) ?? d.passphrase.capitalize;
  return {
    mode: o.mode === 'passphrase' ? 'passphrase' : 'password',
    password,
    passphrase: {
      words: clampInt(w.words, PASSPHRASE_WORDS.min, PASSPHRASE_WORDS.max, d.passphrase.words),
      separator: typeof w.separator === 'string' && isPassphraseSeparator(w.separator) ? w.separator : d.passphrase.separator,
      capitalize,
      includeNumber: bool(w.includeNumber, d.passphrase.includeNumber),
    },
  };
}

/** How the entropy reads to a person: the usual bands for random secrets. */
export function entropyLabel(bits: number): string {
  if (bits < 40) return t('strength_weak');
  if (bits < 60) return t('strength_fair');
  if (bits < 80) return t('strength_strong');
  return t('strength_very_strong');
}

/** Whether a set can be switched off: the last chosen set stays on. */
export function canDisableSet(options: PanelPasswordOptions, set: 'lower' | 'upper' | 'digits' | 'symbols'): boolean {
  const chosen = (['lower', 'upper', 'digits', 'symbols'] as const).filter((s) => options[s]);
  return !(chosen.length === 1 && chosen[0] === set);
}
