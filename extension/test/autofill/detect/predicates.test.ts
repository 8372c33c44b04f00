import { describe, expect, it } from 'vitest';
import type { FieldSignals } from '../../../src/autofill/detect/field-signals';
import { and, isEmailIdentifier, isLookAlike, isNamedOneTimeCode, isPasswordLike, not, or } from '../../../src/autofill/detect/predicates';
import { normaliseText } from '../../../src/autofill/detect/normalise-text';

function field(overrides: Partial<Omit<FieldSignals, 'control'>>): FieldSignals {
  const base = {
    type: 'text',
    autocomplete: null,
    attributes: '',
    label: '',
    placeholder: '',
    title: '',
    nearby: '',
    inputMode: '',
    maxLength: null,
    image: '',
    inert: false,
    position: 0,
  };
  const merged = { ...base, ...overrides };
  return { ...merged, label: normaliseText(merged.label), control: null as unknown as FieldSignals['control'] };
}

describe('combinators', () => {
  const yes = () => true;
  const no = () => false;
  it('compose like boolean logic', () => {
    expect(and(yes, yes)(0)).toBe(true);
    expect(and(yes, no)(0)).toBe(false);
    expect(or(no, yes)(0)).toBe(true);
    expect(or(no, no)(0)).toBe(false);
    expect(not(no)(0)).toBe(true);
  });
});

describe('isEmailIdentifier', () => {
  it('is an e-mail when typed or named so', () => {
    expect(isEmailIdentifier(field({ type: 'email' }))).toBe(true);
    expect(isEmailIdentifier(field({ label: 'E-mail' }))).toBe(true);
    expect(isEmailIdentifier(field({ autocomplete: 'email' }))).toBe(true);
  });

  it('is a user name when it also accepts a user name or a phone number', () => {
    expect(isEmailIdentifier(field({ label: 'Email or username' }))).toBe(false);
    expect(isEmailIdentifier(field({ type: 'email', label: 'Email, phone, or Skype' }))).toBe(false);
    expect(isEmailIdentifier(field({ type: 'email', autocomplete: 'username' }))).toBe(false);
    expect(isEmailIdentifier(field({ type: 'email', autocomplete: 'email', label: 'Mobile number or email' }))).toBe(false);
    expect(isEmailIdentifier(field({ label: 'E-mail ou CPF' }))).toBe(false);
  });

  it("trusts what the user reads over the developer's name", () => {
    expect(isEmailIdentifier(field({ type: 'email', attributes: 'username', label: 'E-Mail-Adresse' }))).toBe(true);
    expect(isEmailIdentifier(field({ attributes: 'user id', label: 'E-mail' }))).toBe(true);
  });
});

describe('isPasswordLike', () => {
  it('covers password inputs and revealed ones', () => {
    expect(isPasswordLike(field({ type: 'password' }))).toBe(true);
    expect(isPasswordLike(field({ type: 'text', attributes: 'password' }))).toBe(true);
  });

  it('does not take a password hint or a username field for a password', () => {
    expect(isPasswordLike(field({ type: 'text', attributes: 'master password hint' }))).toBe(false);
    expect(isPasswordLike(field({ type: 'text', attributes: 'username' }))).toBe(false);
  });

  it('takes a text field called "passcode" but captioned as a code for a code', () => {
    expect(isPasswordLike(field({ type: 'text', attributes: 'credentials passcode', label: 'Enter code' }))).toBe(false);
    expect(isPasswordLike(field({ type: 'text', attributes: 'pin', label: 'PIN code' }))).toBe(true);
  });
});

describe('isNamedOneTimeCode', () => {
  it('accepts autocomplete=one-time-code and named codes', () => {
    expect(isNamedOneTimeCode(field({ autocomplete: 'one-time-code' }))).toBe(true);
    expect(isNamedOneTimeCode(field({ label: 'Authenticator code' }))).toBe(true);
  });

  it('rejects recovery codes, coupons and card security codes', () => {
    expect(isNamedOneTimeCode(field({ label: 'Recovery code' }))).toBe(false);
    expect(isNamedOneTimeCode(field({ label: 'Promo code' }))).toBe(false);
    expect(isNamedOneTimeCode(field({ label: 'Security code', autocomplete: 'cc-csc' }))).toBe(false);
  });
});

describe('isLookAlike', () => {
  it('flags search, coupon, address, payment and name fields', () => {
    expect(isLookAlike(field({ type: 'search' }))).toBe(true);
    expect(isLookAlike(field({ placeholder: normaliseText('Search products') }))).toBe(true);
    expect(isLookAlike(field({ label: 'Gutscheincode' }))).toBe(true);
    expect(isLookAlike(field({ autocomplete: 'postal-code' }))).toBe(true);
    expect(isLookAlike(field({ label: 'First name' }))).toBe(true);
  });

  it('does not flag e-mail addresses that contain the word "address"', () => {
    expect(isLookAlike(field({ label: 'Adresse e-mail' }))).toBe(false);
    expect(isLookAlike(field({ label: 'メールアドレス' }))).toBe(false);
    expect(isLookAlike(field({ label: 'User name' }))).toBe(false);
  });
});
