// What a group of fields is for: login, signup, change-password, reset, a second-factor step, a
// search box, a newsletter box, or something else. Decided from the fields themselves (how many
// password fields, what they are called) and then from the words around them: submit buttons weigh
// most, headings next, the form's markup and the page title least.
import { anyMentions, mentions } from './match-keywords';
import type { Concept } from './keywords';
import type { FieldSignals } from './field-signals';
import type { FormSignals } from './form-signals';
import {
  and,
  captionMentions,
  hasAutocomplete,
  hasType,
  isCaptcha,
  isCodeShaped,
  isInert,
  isLookAlike,
  isNamedIdentifier,
  isNamedOneTimeCode,
  isPasswordLike,
  isTypable,
  mentionsConcept,
  mentionsPersonName,
  namesCurrentPassword,
  namesNewPassword,
  namesUsername,
  not,
  or,
} from './predicates';
import type { FormKind } from './types';

export interface GroupFacts {
  fields: FieldSignals[];
  form: FormSignals;
}

export const EMPTY_FORM_SIGNALS: FormSignals = {
  buttons: [],
  headings: [],
  links: [],
  paragraphs: [],
  markup: '',
  searchRole: false,
  title: '',
};

/** A password field of the group (a password-typed one-time code is a code, not a password). */
export const isGroupPassword = and(
  not(isInert),
  isPasswordLike,
  not(isNamedOneTimeCode),
  // A masked card code (CVV) is a look-alike; a "card PIN" still calls itself a password.
  or(not(isLookAlike), mentionsConcept('password')),
);
/** A field the user types into that is not a password. */
export const isGroupText = and(not(isInert), isTypable, not(isPasswordLike));

const isPaymentOrCoupon = or(mentionsConcept('payment'), mentionsConcept('coupon'));

const isSearchField = or(hasType('search'), and(not(isInert), mentionsConcept('search')));

/** How strongly the form's own words say `concept`: buttons 3, headings 2, markup and title 1. */
function wordScore(form: FormSignals, concept: Concept): number {
  return (
    (anyMentions(form.buttons, concept) ? 3 : 0) +
    (anyMentions(form.headings, concept) ? 2 : 0) +
    (mentions(form.markup, concept) ? 1 : 0) +
    (mentions(form.title, concept) ? 1 : 0)
  );
}

/** A button or heading that names both the action and a password: "Change password", "Passwort vergessen?". */
function saysAboutPassword(form: FormSignals, action: Concept): boolean {
  return [...form.buttons, ...form.headings].some((text) => mentions(text, action) && mentions(text, 'password'));
}

function checkboxSays(fields: FieldSignals[], concept: Concept): boolean {
  return fields.some((field) => field.type === 'checkbox' && mentions(field.label, concept));
}

export function loginScore({ fields, form }: GroupFacts): number {
  return (
    wordScore(form, 'login') +
    // On a login form the links lead elsewhere: "Forgot password?", "Create an account".
    (anyMentions(form.links, 'reset') ? 1 : 0) +
    (anyMentions(form.links, 'signup') ? 1 : 0) +
    (checkboxSays(fields, 'remember') ? 1 : 0) +
    (fields.some(and(not(isInert), hasAutocomplete('current-password'))) ? 3 : 0)
  );
}

export function signupScore({ fields, form }: GroupFacts): number {
  const texts = fields.filter(isGroupText);
  return (
    wordScore(form, 'signup') +
    (anyMentions(form.links, 'login') ? 1 : 0) +
    (checkboxSays(fields, 'terms') ? 1 : 0) +
    (fields.some(and(not(isInert), hasAutocomplete('new-password'))) ? 3 : 0) +
    (fields.filter(isGroupPassword).some(namesNewPassword) ? 2 : 0) +
    // A login never asks for the person's name.
    (texts.some(mentionsPersonName) ? 2 : 0) +
    (texts.filter(isNamedIdentifier).length >= 2 ? 1 : 0)
  );
}

function classifyWithPasswords(facts: GroupFacts, passwords: FieldSignals[]): FormKind {
  const { form } = facts;
  const texts = facts.fields.filter(isGroupText);
  // A gift card and its PIN, a card and its code: a payment box with a masked field, not an account.
  // The card may be named by the form alone ("Gift card balance" over "Card number" and "PIN"),
  // where a login by card number and PIN would say "log in".
  const aboutCoupon = anyMentions([...form.headings, ...form.buttons], 'coupon') && wordScore(form, 'login') === 0;
  if ((aboutCoupon || texts.some(isPaymentOrCoupon)) && !texts.some(and(isNamedIdentifier, not(isLookAlike)))) return 'other';
  const changeWords = saysAboutPassword(form, 'change');
  // Only a heading says "reset" here: a "Forgot password?" button sits on login forms too.
  const resetWords = anyMentions(form.headings, 'reset');
  if (passwords.length >= 3) return 'change-password';
  if (passwords.some(namesCurrentPassword) && passwords.some(namesNewPassword)) return 'change-password';
  const identifiers = facts.fields.filter(and(isGroupText, isNamedIdentifier, not(isLookAlike)));
  const signup = signupScore(facts);
  const login = loginScore(facts);
  if (passwords.length === 2) {
    if (changeWords) return 'change-password';
    // "New password" + "Repeat it" with nothing else is the end of a reset, unless the page says "sign up".
    if (identifiers.length > 0 || wordScore(form, 'signup') > wordScore(form, 'login')) return 'signup';
    return 'reset';
  }
  const [password] = passwords;
  if (changeWords && login < 3) return 'change-password';
  // "Confirm" on the only password says nothing (there is nothing to confirm): a login's id="password2".
  if (password !== undefined && or(hasAutocomplete('new-password'), mentionsConcept('newValue'))(password)) {
    // A lone new password with no identifier is set after a reset link, unless the page says "sign up".
    if (identifiers.length > 0 || wordScore(form, 'signup') > wordScore(form, 'login')) return 'signup';
    return 'reset';
  }
  if (resetWords && identifiers.length === 0 && login < 3) return 'reset';
  return signup > login ? 'signup' : 'login';
}

/**
 * How strongly the form says "recover an account": reset words in its buttons, headings, markup and
 * title, and, since it has no password field, any button or heading that names a password
 * ("Send new password", "Passwort vergessen?") or markup that does (action="/forgot_password").
 */
export function resetScore({ form }: GroupFacts): number {
  return (
    wordScore(form, 'reset') +
    ([...form.buttons, ...form.headings].some((text) => mentions(text, 'password')) ? 2 : 0) +
    (mentions(form.markup, 'password') ? 1 : 0) +
    (anyMentions(form.paragraphs, 'reset') ? 1 : 0)
  );
}

/** A form without a password that asks only for the account's identifier, to recover it. */
function isRecovery(facts: GroupFacts, texts: FieldSignals[]): boolean {
  const identifiers = texts.filter(and(isNamedIdentifier, not(isLookAlike)));
  if (identifiers.length === 0 || identifiers.length > 2) return false;
  const { form } = facts;
  // "Forgot password?" is a button on many logins ("Sign in to X", "Next", "Forgot password?"): where
  // the form says "log in", only a heading can say it is for recovering the account instead.
  const saysLogin = anyMentions([...form.buttons, ...form.headings], 'login') || checkboxSays(facts.fields, 'remember');
  // …or a button that acts on a password instead of asking whether it was forgotten: "Request a new password".
  const actsOnPassword = form.buttons.some((text) => mentions(text, 'password') && !mentions(text, 'forgot') && !mentions(text, 'login'));
  if (saysLogin && !anyMentions(form.headings, 'reset') && !actsOnPassword) return false;
  const reset = resetScore(facts);
  // The page title alone is enough when nothing but the identifier is asked for.
  const onlyIdentifiers = identifiers.length === texts.filter(not(isCaptcha)).length;
  return reset >= 2 || (onlyIdentifiers && reset >= 1);
}

function classifyWithoutPasswords(facts: GroupFacts): FormKind {
  const { fields, form } = facts;
  const texts = fields.filter(isGroupText);
  const isOneTimeCode = texts.some(isNamedOneTimeCode);
  const statesCode = fields.some(and(not(isInert), hasAutocomplete('one-time-code')));
  // A phone number (or e-mail) next to the code sent to it, on a form that says "log in": a login by
  // code, whose identifier is worth filling. A second-factor step never asks for the identifier again.
  if ((isOneTimeCode || statesCode) && texts.some(and(isNamedIdentifier, not(isNamedOneTimeCode), not(isLookAlike)))) {
    const signup = signupScore(facts);
    const login = loginScore(facts);
    if (signup > login) return 'signup';
    if (login > 0) return 'login';
  }
  if (statesCode) return '2fa';
  if (!isOneTimeCode && (form.searchRole || fields.some(isSearchField) || mentions(form.markup, 'search'))) return 'search';
  const words = [...form.headings, ...form.buttons, ...form.paragraphs, form.markup, ...texts.map((field) => field.nearby)];
  // A sign-in step that mentions offers or updates is still a sign-in step.
  const saysLogin = anyMentions([...form.buttons, ...form.headings], 'login');
  if (!saysLogin && anyMentions([...words, ...texts.map((field) => field.placeholder)], 'newsletter')) return 'newsletter';
  if (isRecovery(facts, texts)) return 'reset';
  // A registration that mails the password: its button says "register" and it asks for a user name to choose.
  if (
    wordScore(form, 'signup') >= 3 &&
    wordScore(form, 'login') === 0 &&
    texts.some(and(or(namesUsername, captionMentions('loginName')), not(isLookAlike)))
  )
    return 'signup';
  // Card, address and coupon boxes have "security codes" and "codes" too; they are never a login step.
  if (texts.some(isLookAlike)) return 'other';
  // Four or more one-character boxes are a code typed digit by digit: nothing else is asked for so.
  const splitCode = texts.filter((field) => field.maxLength === 1).length >= 4;
  if (isOneTimeCode || splitCode || (texts.some(isCodeShaped) && (anyMentions(words, 'twoFactor') || anyMentions(words, 'otp')))) {
    return '2fa';
  }
  if (texts.some(mentionsConcept('recoveryCode'))) return '2fa';
  if (texts.length === 0) return 'other';
  // "Forgot email?" is a button on the first step of many logins: a button alone says reset only
  // when nothing says login.
  if (anyMentions(form.headings, 'reset') || (anyMentions(form.buttons, 'reset') && loginScore(facts) < 2)) return 'reset';
  // One step of a multi-step login or signup: only the identifier is asked for on this page.
  const identifiers = texts.filter(isNamedIdentifier);
  if (texts.length === 1 || (identifiers.length === texts.length && texts.length <= 2)) {
    const signup = signupScore(facts);
    const login = loginScore(facts);
    if (signup > login) return 'signup';
    if (login > 0) return 'login';
  }
  return 'other';
}

export function classifyForm(facts: GroupFacts): FormKind {
  const passwords = facts.fields.filter(isGroupPassword);
  return passwords.length > 0 ? classifyWithPasswords(facts, passwords) : classifyWithoutPasswords(facts);
}
