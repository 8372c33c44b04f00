import { describe, expect, it } from 'vitest';
import { KEYWORDS } from '../../../src/autofill/detect/keywords';
import { compileEntry } from '../../../src/autofill/detect/compile-keywords';
import { mentions } from '../../../src/autofill/detect/match-keywords';
import { normaliseText, splitIdentifier } from '../../../src/autofill/detect/normalise-text';

const says = (text: string, concept: Parameters<typeof mentions>[1]) => mentions(normaliseText(text), concept);

describe('keyword entries', () => {
  it('match at the start of a word by default', () => {
    const entry = new RegExp(compileEntry('pass'), 'u');
    expect(entry.test('password')).toBe(true);
    expect(entry.test('your pass')).toBe(true);
    expect(entry.test('compass')).toBe(false);
  });

  it('match whole words with a trailing $', () => {
    const pin = new RegExp(compileEntry('pin$'), 'u');
    expect(pin.test('pin')).toBe(true);
    expect(pin.test('your pin code')).toBe(true);
    expect(pin.test('shipping')).toBe(false);
    expect(pin.test('pinterest')).toBe(false);
  });

  it('match anywhere with a leading *, and CJK entries always match anywhere', () => {
    expect(new RegExp(compileEntry('*bestatig'), 'u').test('passwortbestatigung')).toBe(true);
    expect(new RegExp(compileEntry('密码'), 'u').test('请输入密码')).toBe(true);
  });

  it('treat spaces, and letter-digit boundaries, as optional', () => {
    const userName = new RegExp(compileEntry('user name'), 'u');
    expect(userName.test('username')).toBe(true);
    expect(userName.test('user name')).toBe(true);
    expect(new RegExp(compileEntry('2fa'), 'u').test(splitIdentifier('2faCode'))).toBe(true);
  });

  it('are all non-empty after normalisation', () => {
    for (const table of Object.values(KEYWORDS)) {
      for (const entries of Object.values(table)) for (const entry of entries) expect(() => compileEntry(entry)).not.toThrow();
    }
  });
});

describe('concepts across languages', () => {
  it.each([
    ['Password', 'en'],
    ['Passwort', 'de'],
    ['Kennwort', 'de'],
    ['Mot de passe', 'fr'],
    ['Contraseña', 'es'],
    ['Senha', 'pt'],
    ['Password', 'it'],
    ['Wachtwoord', 'nl'],
    ['Пароль', 'ru'],
    ['パスワード', 'ja'],
    ['密码', 'zh'],
    ['密碼', 'zh-TW'],
  ])('%s names a password (%s)', (text) => expect(says(text, 'password')).toBe(true));

  it.each([
    ['Username'],
    ['Benutzername'],
    ["Nom d'utilisateur"],
    ['Nombre de usuario'],
    ['Nome de usuário'],
    ['Nome utente'],
    ['Gebruikersnaam'],
    ['Имя пользователя'],
    ['ユーザー名'],
    ['用户名'],
    ['帳號'],
  ])('%s names a user name', (text) => expect(says(text, 'username')).toBe(true));

  it.each([['E-Mail-Adresse'], ['Courriel'], ['Correo electrónico'], ['E-mailadres'], ['Электронная почта'], ['メールアドレス'], ['邮箱']])(
    '%s names an e-mail address',
    (text) => expect(says(text, 'email')).toBe(true),
  );

  it.each([
    ['Verification code'],
    ['Bestätigungscode'],
    ['Code de vérification'],
    ['Código de verificación'],
    ['Código de verificação'],
    ['Codice di verifica'],
    ['Verificatiecode'],
    ['Код подтверждения'],
    ['確認コード'],
    ['验证码'],
  ])('%s names a one-time code', (text) => expect(says(text, 'otp')).toBe(true));

  it('keeps look-alike words apart from credentials', () => {
    expect(says('Shipping address', 'password')).toBe(false);
    expect(says('Search', 'username')).toBe(false);
    expect(says('Coupon code', 'otp')).toBe(false);
    expect(says('Password (at least 8 characters)', 'captcha')).toBe(false);
    expect(says('Library card number', 'payment')).toBe(false);
    expect(says('Card number', 'payment')).toBe(false);
    expect(says('Credit card number', 'payment')).toBe(true);
  });
});
