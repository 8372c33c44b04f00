// What each field of a classified group is: the autocomplete attribute decides when it names a
// credential (HTML §4.10.18.7), otherwise the group's kind and the field's own words do.
import type { FieldSignals } from './field-signals';
import { isGroupPassword, isGroupText } from './classify-form';
import {
  and,
  captionMentions,
  hasAutocomplete,
  isCodeShaped,
  isEmailIdentifier,
  isLookAlike,
  isNamedIdentifier,
  isNamedOneTimeCode,
  isTypable,
  mentionsConcept,
  namesCurrentPassword,
  namesNewPassword,
  namesUsername,
  not,
  or,
} from './predicates';
import type { FieldKind, FormKind } from './types';

const CREDENTIAL_FORMS: ReadonlySet<FormKind> = new Set(['login', 'signup', 'change-password', 'reset']);
const CODE_FORMS: ReadonlySet<FormKind> = new Set([...CREDENTIAL_FORMS, '2fa']);

const identifierKind = (field: FieldSignals): FieldKind => (isEmailIdentifier(field) ? 'email' : 'username');

/** The kind stated by autocomplete, when it states a credential; `undefined` when it says nothing. */
function kindFromAutocomplete(field: FieldSignals, formKind: FormKind): FieldKind | null | undefined {
  switch (field.autocomplete) {
    case 'username':
    case 'current-password':
    case 'new-password':
      return field.autocomplete;
    case 'one-time-code':
      return 'totp';
    // An e-mail field is the account's identifier only where an account is being used, made or recovered (and
    // a user name when its caption also takes a phone number or a user name).
    case 'email':
      return formKind === 'login' || formKind === 'signup' || formKind === 'change-password' || formKind === 'reset' ? identifierKind(field) : null;
    default:
      return undefined;
  }
}

const isConfirmation = mentionsConcept('confirmPassword');

/** On change-password forms: the current password is named so, or else comes first (of two or more). */
function passwordKinds(passwords: FieldSignals[], formKind: FormKind): Map<FieldSignals, FieldKind> {
  const kinds = new Map<FieldSignals, FieldKind>();
  if (formKind === 'login') {
    for (const field of passwords) kinds.set(field, 'current-password');
    return kinds;
  }
  if (formKind !== 'change-password') {
    for (const field of passwords) kinds.set(field, 'new-password');
    return kinds;
  }
  const named = passwords.filter(and(namesCurrentPassword, not(hasAutocomplete('new-password'))));
  const [first, second] = passwords;
  // Unnamed: the first of two or more is the current one, unless the pair is "password + confirm it".
  const firstIsNew = first === undefined || namesNewPassword(first) || (passwords.length === 2 && second !== undefined && isConfirmation(second));
  const current = named.length > 0 || passwords.length < 2 || firstIsNew ? named : [first];
  for (const field of passwords) kinds.set(field, current.includes(field) ? 'current-password' : 'new-password');
  return kinds;
}

/**
 * The fields that hold the account identifier, by the group's kind. Fields come in document order;
 * `passwords` are all of the group's passwords, `identified` says autocomplete already named the identifier.
 */
function identifierFields(candidates: FieldSignals[], passwords: FieldSignals[], formKind: FormKind, identified: boolean): FieldSignals[] {
  // "New e-mail address" next to "Current password" is being changed, not used to log in.
  const usable = formKind === 'signup' ? candidates : candidates.filter(not(mentionsConcept('newValue')));
  if (formKind === 'login') {
    const named = usable.filter(isNamedIdentifier);
    if (named.length > 0) return named;
    // A login asks for one identifier: once autocomplete named it, an unnamed extra field is
    // something else (GitHub's sign-in form carries a hidden honeypot text field after the password).
    if (identified) return [];
    // An unnamed field right before the password (or alone on an identifier step) is the user name.
    const [firstPassword] = passwords;
    const before = firstPassword ? usable.filter((field) => field.position < firstPassword.position) : usable.length === 1 ? usable : [];
    const last = before.at(-1);
    return last === undefined ? [] : [last];
  }
  // A recovery form asks for the identifier of the account to recover: the saved user name goes there.
  if (formKind === 'reset' && passwords.length === 0) return candidates.filter(isNamedIdentifier).slice(0, 2);
  if (formKind === 'signup' || formKind === 'change-password' || formKind === 'reset') {
    // "Login" names the user name to choose when the user reads it; in markup it is often a namespace (secureLogin[phone]).
    const named = usable.filter(or(hasAutocomplete('username', 'email'), namesUsername, captionMentions('loginName'), isEmailIdentifier));
    if (named.length > 0 || formKind !== 'signup') return named;
    // Sign up by phone number: the number is the user name.
    return usable.filter(mentionsConcept('phone'));
  }
  return [];
}

/** Kinds of the group's fields, in the order given. */
export function classifyFields(fields: FieldSignals[], formKind: FormKind): (FieldKind | null)[] {
  const kinds = new Map<FieldSignals, FieldKind | null>();
  const open: FieldSignals[] = [];
  for (const field of fields) {
    if (field.inert || !isTypable(field)) {
      kinds.set(field, null);
      continue;
    }
    const stated = kindFromAutocomplete(field, formKind);
    if (stated !== undefined) kinds.set(field, stated);
    else open.push(field);
  }
  const passwords = open.filter(isGroupPassword);
  for (const [field, kind] of passwordKinds(passwords, formKind)) kinds.set(field, CREDENTIAL_FORMS.has(formKind) ? kind : null);

  // One-time codes: in credential forms only when named so; on a second-factor step, any code-shaped field.
  if (CODE_FORMS.has(formKind)) {
    const onlyOneText = open.filter(isGroupText).length === 1;
    const isCode =
      formKind === '2fa'
        ? or(
            isNamedOneTimeCode,
            isCodeShaped,
            and(() => onlyOneText, not(isLookAlike)),
          )
        : // A "security code" with a picture beside it is a CAPTCHA; only a second-factor step shows a QR code.
          and(isNamedOneTimeCode, (field) => field.image === '');
    for (const field of open) {
      if (!kinds.has(field) && isCode(field) && !mentionsConcept('recoveryCode')(field)) kinds.set(field, 'totp');
    }
  }

  const candidates = open.filter(and(isGroupText, not(isLookAlike), (field) => !kinds.has(field)));
  const identified = [...kinds.values()].some((kind) => kind === 'username' || kind === 'email');
  // Passwords named by autocomplete count too: they fix where the identifier can be.
  const allPasswords = fields.filter(isGroupPassword);
  for (const field of identifierFields(candidates, allPasswords, formKind, identified)) kinds.set(field, identifierKind(field));

  return fields.map((field) => kinds.get(field) ?? null);
}
