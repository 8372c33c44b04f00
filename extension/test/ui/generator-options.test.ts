import { describe, expect, it } from 'vitest';
import { canDisableSet, DEFAULT_GENERATOR_OPTIONS, entropyLabel, parseGeneratorOptions } from '../../src/ui/lib/generator-options';

describe('generator options', () => {
  it('falls back to the defaults for missing or damaged stored options', () => {
    expect(parseGeneratorOptions(null)).toEqual(DEFAULT_GENERATOR_OPTIONS);
    expect(parseGeneratorOptions('nonsense')).toEqual(DEFAULT_GENERATOR_OPTIONS);
  });

  it('clamps length to 8–128 and words to 3–20', () => {
    expect(parseGeneratorOptions({ password: { length: 4 } }).password.length).toBe(8);
    expect(parseGeneratorOptions({ password: { length: 500 } }).password.length).toBe(128);
    expect(parseGeneratorOptions({ passphrase: { words: 1 } }).passphrase.words).toBe(3);
    expect(parseGeneratorOptions({ passphrase: { words: 99 } }).passphrase.words).toBe(20);
  });

  it('never restores a state with no character set chosen', () => {
    const parsed = parseGeneratorOptions({ password: { lower: false, upper: false, digits: false, symbols: false } });
    expect(parsed.password.lower).toBe(true);
  });

  it('keeps the last chosen set from being switched off', () => {
    const onlyDigits = { ...DEFAULT_GENERATOR_OPTIONS.password, lower: false, upper: false, symbols: false };
    expect(canDisableSet(onlyDigits, 'digits')).toBe(false);
    expect(canDisableSet(DEFAULT_GENERATOR_OPTIONS.password, 'digits')).toBe(true);
  });

  it('keeps valid passphrase options and labels entropy', () => {
    const p = parseGeneratorOptions({ mode: 'passphrase', passphrase: { words: 7, separator: ' ', capitalize: 'first', includeNumber: true } });
    expect(p.mode).toBe('passphrase');
    expect(p.passphrase).toEqual({ words: 7, separator: ' ', capitalize: 'first', includeNumber: true });
    expect(parseGeneratorOptions({ passphrase: { separator: 'too long' } }).passphrase.separator).toBe('-');
    expect([30, 50, 70, 100].map(entropyLabel)).toEqual(['Weak', 'Fair', 'Strong', 'Very strong']);
  });
});
