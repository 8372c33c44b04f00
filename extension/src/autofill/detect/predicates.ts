// Pure predicates over field signals, composed with and/or/not (after Proton Pass's detector): each
// rule reads as the sentence it implements, and each can be unit-tested on hand-made signals.
import { mentions } from './match-keywords';
import type { Concept } from './keywords';
import { fieldTexts } from './field-signals';
import type { FieldSignals } from './field-signals';

export type Predicate<T> = (subject: T) => boolean;

export const and =
  <T>(...predicates: Predicate<T>[]): Predicate<T> =>
  (subject) =>
    predicates.every((predicate) => predicate(subject));

export const or =
  <T>(...predicates: Predicate<T>[]): Predicate<T> =>
  (subject) =>
    predicates.some((predicate) => predicate(subject));

export const not =
  <T>(predicate: Predicate<T>): Predicate<T> =>
  (subject) =>
    !predicate(subject);

type FieldPredicate = Predicate<FieldSignals>;

export const hasType =
  (...types: string[]): FieldPredicate =>
  (field) =>
    types.includes(field.type);

export const hasAutocomplete =
  (...names: string[]): FieldPredicate =>
  (field) =>
    field.autocomplete !== null && names.includes(field.autocomplete);

/** The field's name/id, label, placeholder, title or nearby text names the concept. */
export const mentionsConcept =
  (concept: Concept): FieldPredicate =>
  (field) =>
    fieldTexts(field).some((text) => mentions(text, concept));

/** Only the markup (name, id…) names the concept: what developers call the field, not what users read. */
export const attributesMention =
  (concept: Concept): FieldPredicate =>
  (field) =>
    mentions(field.attributes, concept);

/** What the user reads (label, placeholder, title, nearby text) names the concept. */
export const captionMentions =
  (concept: Concept): FieldPredicate =>
  (field) =>
    [field.label, field.placeholder, field.title, field.nearby].some((text) => mentions(text, concept));

export const isInert: FieldPredicate = (field) => field.inert;

/** Text a person types: text, email, tel, number (and password). search and url never hold credentials. */
export const isTypable = hasType('text', 'email', 'tel', 'number', 'password');

// Autofill field names that say "this is not a credential" (addresses, cards, names…).
const NON_CREDENTIAL_AUTOFILL = or(
  (field: FieldSignals) => field.autocomplete !== null && /^(cc-|address-|transaction-|bday)/.test(field.autocomplete),
  hasAutocomplete('name', 'given-name', 'additional-name', 'family-name', 'honorific-prefix', 'honorific-suffix', 'nickname'),
  hasAutocomplete('organization', 'organization-title', 'street-address', 'country', 'country-name', 'postal-code'),
  hasAutocomplete('language', 'sex', 'url', 'photo', 'impp'),
);

// "user" before another word is a namespace in markup ("user_firstname", "user[question]", "userField3"
// splits to "user field 3" too): only "user" alone or before name, id, login… names the user name.
const USER_PREFIX = /(?<![^ ])user (?!(?:name|id|login|nm|code|no|num|number)(?![^ ]))(?=[a-z])/g;
const attributesNameUsername: FieldPredicate = (field) => mentions(field.attributes.replace(USER_PREFIX, ''), 'username');

/**
 * What the user reads outranks what the developer named the field: "user_name" captioned "Real
 * name", "uid375" captioned "Votre nom" or "pass_rem_qst" captioned as a reminder question are not
 * identifiers, whatever the markup says.
 */
// A caption of just "Name" is the user name on many old logins ("Name:" over name="login_username").
const BARE_NAME = new Set(['name', 'nom', 'nombre', 'nome', 'naam', 'navn', 'imie', 'jmeno', 'meno', 'имя', '이름']);
const captionNamesPerson: FieldPredicate = (field) =>
  [field.label, field.placeholder, field.title, field.nearby].some((text) => !BARE_NAME.has(text) && mentions(text, 'personName'));
const captionNamesOther: FieldPredicate = and(
  not(or(captionMentions('username'), captionMentions('loginName'), captionMentions('email'))),
  or(captionNamesPerson, captionMentions('address'), captionMentions('passwordHint')),
);

const mentionsEmail = or(captionMentions('email'), and(attributesMention('email'), not(captionNamesOther)));
const mentionsUsername = or(captionMentions('username'), and(attributesNameUsername, not(captionNamesOther)));
/** Named as a user name, by its caption or (unless the caption says otherwise) its markup. */
export const namesUsername = mentionsUsername;

/** Names an address, but "adresse e-mail" and "メールアドレス" are e-mail addresses. */
const mentionsPostalAddress = and(mentionsConcept('address'), not(mentionsEmail));
export const mentionsPersonName = and(mentionsConcept('personName'), not(mentionsUsername), not(mentionsEmail));

/** A CAPTCHA: named so, or next to the picture to copy. */
export const isCaptcha: FieldPredicate = or(mentionsConcept('captcha'), (field) => mentions(field.image, 'captchaImage'));

/** A field of a search box, coupon box, address or payment form, or a CAPTCHA: never a credential. */
export const isLookAlike: FieldPredicate = or(
  hasType('search', 'url'),
  NON_CREDENTIAL_AUTOFILL,
  mentionsConcept('search'),
  // A web address by its markup (name="openid_identity"), or by its caption when the caption says
  // nothing of a user name or e-mail ("Create a username for this website", "you@website.com").
  attributesMention('webAddress'),
  and(captionMentions('webAddress'), not(captionMentions('username')), not(captionMentions('email'))),
  mentionsConcept('coupon'),
  mentionsConcept('payment'),
  isCaptcha,
  mentionsPostalAddress,
  mentionsPersonName,
  // A password's hint, reminder question or answer: about a password, never one, never a user name.
  mentionsConcept('passwordHint'),
);

/**
 * Shows a password: a password input, or a text input named as one (after "show password"). The
 * name is the developer's: a text field called "passcode" that its caption calls a "code" (Okta's
 * authenticator step) is a code.
 */
export const isPasswordLike: FieldPredicate = or(
  hasType('password'),
  and(hasType('text', 'tel', 'number'), hasAutocomplete('current-password', 'new-password')),
  and(
    hasType('text'),
    attributesMention('password'),
    not(
      or(
        mentionsUsername,
        mentionsEmail,
        mentionsConcept('otp'),
        mentionsConcept('recoveryCode'),
        mentionsConcept('passwordHint'),
        and(captionMentions('code'), not(captionMentions('password'))),
        isLookAlike,
      ),
    ),
  ),
);

/** Names a one-time code outright (or is marked one-time-code), and is not a recovery code or a look-alike. */
export const isNamedOneTimeCode: FieldPredicate = or(
  hasAutocomplete('one-time-code'),
  and(mentionsConcept('otp'), not(mentionsConcept('recoveryCode')), not(isLookAlike)),
);

/** Shaped like a code: called "code", numeric keyboard, or a short maximum length (split digit boxes). */
export const isCodeShaped: FieldPredicate = and(
  hasType('text', 'tel', 'number', 'password'),
  not(mentionsConcept('recoveryCode')),
  not(isLookAlike),
  or(
    mentionsConcept('code'),
    (field) => field.inputMode === 'numeric' || field.inputMode === 'decimal',
    (field) => field.maxLength !== null && field.maxLength >= 1 && field.maxLength <= 10,
  ),
);

/** Names or is typed as an account identifier. */
export const isNamedIdentifier: FieldPredicate = or(
  hasAutocomplete('username', 'email'),
  hasType('email'),
  mentionsUsername,
  mentionsConcept('loginName'),
  mentionsEmail,
  mentionsConcept('phone'),
  mentionsConcept('nationalId'),
);

/**
 * An identifier that is an e-mail address rather than a user name: "Email or username" and
 * "Email, phone, or Skype" or "E-mail ou CPF" accept more than an e-mail (even in a type=email input, even with
 * autocomplete=email), so they are user names. autocomplete=username keeps a field a user name:
 * that is never wrong, an e-mail address being a user name too. Otherwise what the user reads
 * outranks what the developer named the field: "E-mail" over name="user_id".
 */
export const isEmailIdentifier: FieldPredicate = and(
  not(captionMentions('username')),
  not(captionMentions('phone')),
  not(captionMentions('nationalId')),
  or(
    hasAutocomplete('email'),
    and(
      not(hasAutocomplete('username')),
      or(hasType('email'), captionMentions('email'), and(mentionsEmail, not(mentionsUsername), not(mentionsConcept('phone')))),
    ),
  ),
);

export const namesCurrentPassword = or(hasAutocomplete('current-password'), mentionsConcept('currentPassword'));
export const namesNewPassword = or(hasAutocomplete('new-password'), mentionsConcept('newValue'), mentionsConcept('confirmPassword'));
