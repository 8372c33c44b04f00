import { describe, expect, it } from 'vitest';
import { RecoveryKeyError, type RecoveryKeyErrorReason } from '../../src/crypto/errors.ts';
import { decodeRecoveryKey, encodeRecoveryKey, generateRecoveryKey, RECOVERY_KEY_SYMBOLS } from '../../src/crypto/recovery-key.ts';
import { fromHex } from './_fixtures.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const fixedKey = fromHex('8f1c2a0b9e7d6c5b4a3928170615f4e3d2c1b0a99887766554433221100ffeed');
const fixedText = encodeRecoveryKey(fixedKey);
const symbolsOf = (t: string): string => t.replaceAll('-', '');
const withSymbols = (s: string): string => s.match(/.{1,4}/g)!.join('-');

function reasonOf(input: string): RecoveryKeyErrorReason | 'accepted' {
  try {
    decodeRecoveryKey(input);
    return 'accepted';
  } catch (error) {
    if (error instanceof RecoveryKeyError) return error.reason;
    throw error;
  }
}

describe('recovery key text', () => {
  it('is 58 Crockford base32 symbols in groups of 4', () => {
    expect(fixedText).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){14}[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(symbolsOf(fixedText).length).toBe(RECOVERY_KEY_SYMBOLS);
  });

  it('round-trips random keys', () => {
    for (let i = 0; i < 50; i++) {
      const key = generateRecoveryKey();
      expect(key.length).toBe(32);
      expect(decodeRecoveryKey(encodeRecoveryKey(key))).toEqual(key);
    }
  });

  it('reads what people type: lower case, spaces instead of dashes, no separators, typographic dashes', () => {
    const plain = symbolsOf(fixedText);
    for (const input of [
      fixedText.toLowerCase(),
      fixedText.replaceAll('-', ' '),
      plain,
      `  ${fixedText.replaceAll('-', ' – ')}\n`,
      fixedText.replaceAll('-', '\u2011'),
    ]) {
      expect(decodeRecoveryKey(input)).toEqual(fixedKey);
    }
  });

  it('reads I and L as 1, O as 0, and full-width characters as ASCII', () => {
    const symbols = symbolsOf(fixedText);
    expect(symbols).toContain('1');
    expect(symbols).toContain('0');
    for (const [digit, lookalike] of [
      ['1', 'I'],
      ['1', 'l'],
      ['0', 'O'],
      ['0', 'o'],
    ] as const) {
      expect(decodeRecoveryKey(symbols.replaceAll(digit, lookalike))).toEqual(fixedKey);
    }
    const fullWidth = symbols.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(decodeRecoveryKey(fullWidth)).toEqual(fixedKey);
  });

  it('detects every single-character typo', () => {
    const symbols = symbolsOf(fixedText);
    let tried = 0;
    for (let i = 0; i < symbols.length; i++) {
      for (const c of ALPHABET) {
        if (c === symbols[i]) continue;
        expect(reasonOf(symbols.slice(0, i) + c + symbols.slice(i + 1))).toBe('typo');
        tried++;
      }
    }
    expect(tried).toBe(58 * 31);
  });

  it('detects every swap of two neighbouring characters, also across groups', () => {
    const symbols = symbolsOf(fixedText);
    let tried = 0;
    for (let i = 0; i + 1 < symbols.length; i++) {
      if (symbols[i] === symbols[i + 1]) continue;
      const swapped = symbols.slice(0, i) + symbols[i + 1] + symbols[i] + symbols.slice(i + 2);
      expect(reasonOf(withSymbols(swapped))).toBe('typo');
      tried++;
    }
    expect(tried).toBeGreaterThan(40);
  });

  it('tells a missing or extra character apart from a typo', () => {
    const symbols = symbolsOf(fixedText);
    expect(reasonOf(symbols.slice(1))).toBe('wrong-length');
    expect(reasonOf(symbols + '7')).toBe('wrong-length');
    expect(reasonOf('')).toBe('wrong-length');
    expect(() => decodeRecoveryKey(symbols.slice(1))).toThrow(/has 58 characters .* this one has 57/);
  });

  it('names a character that cannot be in a recovery key', () => {
    expect(reasonOf(symbolsOf(fixedText).replace(/.$/, 'U'))).toBe('invalid-character');
    expect(reasonOf(fixedText + '*')).toBe('invalid-character');
    expect(() => decodeRecoveryKey(fixedText.replace(/^./, '#'))).toThrow(/contains "#"/);
  });

  it('says "typo" for a checksum mismatch in words a user can act on', () => {
    const s = symbolsOf(fixedText);
    const typo = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(() => decodeRecoveryKey(typo)).toThrow(/has a typo/);
  });
});
