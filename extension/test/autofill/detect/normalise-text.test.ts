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

describe('squeezeText', () => {
  it('collapses whitespace and caps the length', () => {
    expect(squeezeText(' a \n\t b ')).toBe('a b');
    expect(squeezeText('x'.repeat(500), 10)).toHaveLength(10);
  });
});
