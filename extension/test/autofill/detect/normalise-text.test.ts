import { describe, expect, it } from 'vitest';
import { normaliseText, splitIdentifier, squeezeText } from '../../../src/autofill/detect/normalise-text';

describe('normaliseText', () => {
  it('lower-cases, drops Latin and Cyrillic accents and folds separators', () => {
    expect(normaliseText('  Contraseña:  ')).toBe('contrasena');
    expect(normaliseText("Nom d'utilisateur")).toBe('nom d utilisateur');
    expect(normaliseText('E-Mail-Adresse*')).toBe('e mail adresse');
    expect(normaliseText('Straße')).toBe('strasse');
    expect(normaliseText('Ещё раз')).toBe('еще раз');
  });

  it('folds full-width forms (NFKC) but keeps kana voicing marks', () => {
    expect(normaliseText('ＬＯＧＩＮ　ＩＤ')).toBe('login id');
    expect(normaliseText('パスワード')).toBe('パスワード');
    expect(normaliseText('ログイン')).toBe('ログイン');
  });
});

describe('splitIdentifier', () => {
  it('splits camelCase, snake_case, kebab-case and digits', () => {
    expect(splitIdentifier('txtUserName')).toBe('txt user name');
    expect(splitIdentifier('loginForm:j_password2')).toBe('login form j password 2');
    expect(splitIdentifier('new-password_confirm')).toBe('new password confirm');
    expect(splitIdentifier('XMLHttpID')).toBe('xml http id');
    expect(splitIdentifier('ctl00$MainContent$Login1$UserName')).toBe('ctl 00 main content login 1 user name');
  });
});

describe('the ASCII fast path', () => {
  // The Unicode rules, applied to everything: what normaliseText and splitIdentifier must agree with.
  const unicodeNormalise = (raw: string) =>
    raw
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const unicodeSplit = (raw: string) =>
    unicodeNormalise(
      raw
        .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
        .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
        .replace(/(\p{L})(\p{N})/gu, '$1 $2')
        .replace(/(\p{N})(\p{L})/gu, '$1 $2'),
    );
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const samples = [
    printable,
    ...printable.match(/.{1,7}/g)!,
    'txtUserName',
    'loginForm:j_password2',
    'XMLHttpID',
    'ctl00$Main_Login1$UserName',
    'aB1cD2eF',
    '\t\n\x00\x7f',
    '',
  ];

  it('gives what the Unicode rules give, for every ASCII character', () => {
    for (const sample of samples) {
      expect(normaliseText(sample), sample).toBe(unicodeNormalise(sample));
      expect(splitIdentifier(sample), sample).toBe(unicodeSplit(sample));
    }
  });
});

describe('squeezeText', () => {
  it('collapses whitespace and caps the length', () => {
    expect(squeezeText(' a \n\t b ')).toBe('a b');
    expect(squeezeText('x'.repeat(500), 10)).toHaveLength(10);
  });
});
