// Which fields of a page a login goes into, decided from the detector's classification alone (pure,
// tested in Node): the group of the field the user is in, its username (or email) and its current
// password. A saved password never goes into a new-password or one-time-code field, whatever the
// classifier said (docs/architecture.md, "Autofill rules"): canHoldSavedPassword re-checks the markup.
import type { DetectedField, FormContext, FormControl } from '../detect/types';

export type FillPlan = {
  form: FormContext;
  username: FormControl | null;
  /** A current-password field; null on steps without one and in new-password fields. */
  password: FormControl | null;
  totp: FormControl | null;
  /** New and confirm fields, for a generated password. */
  newPasswords: FormControl[];
};

const IDENTIFIER = new Set(['username', 'email']);

function autocompleteTokens(field: FormControl): string[] {
  return (field.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** A field that may receive a saved password: not a new-password or one-time-code field. */
export function canHoldSavedPassword(field: FormControl): boolean {
  const tokens = autocompleteTokens(field);
  return !tokens.includes('new-password') && !tokens.includes('one-time-code');
}

function firstGroupWith(fields: readonly DetectedField[], kinds: ReadonlySet<string>): FormContext | null {
  return fields.find((f) => f.kind !== null && kinds.has(f.kind))?.form ?? null;
}

/** The group to fill: the anchor's, else the first group holding a password, an identifier or a code. */
function chooseGroup(fields: readonly DetectedField[], anchor: FormControl | null): FormContext | null {
  if (anchor !== null) return fields.find((f) => f.element === anchor)?.form ?? null;
  return firstGroupWith(fields, new Set(['current-password'])) ?? firstGroupWith(fields, IDENTIFIER) ?? firstGroupWith(fields, new Set(['totp']));
}

export function planFill(fields: readonly DetectedField[], anchor: FormControl | null): FillPlan | null {
  const form = chooseGroup(fields, anchor);
  if (form === null) return null;
  const group = fields.filter((f) => f.form === form);
  const anchorKind = anchor === null ? null : (group.find((f) => f.element === anchor)?.kind ?? null);
  if (anchor !== null && anchorKind === null) return null;

  const newPasswords = group.filter((f) => f.kind === 'new-password').map((f) => f.element);
  const totp = (anchorKind === 'totp' ? anchor : group.find((f) => f.kind === 'totp')?.element) ?? null;

  // In a new-password field the user is creating a password: nothing saved goes in.
  const passwords = anchorKind === 'new-password' ? [] : group.filter((f) => f.kind === 'current-password' && canHoldSavedPassword(f.element));
  const password = (anchorKind === 'current-password' && anchor !== null && canHoldSavedPassword(anchor) ? anchor : passwords[0]?.element) ?? null;

  const identifiers = group.filter((f) => f.kind !== null && IDENTIFIER.has(f.kind));
  let username: FormControl | null = null;
  if (anchorKind !== null && IDENTIFIER.has(anchorKind)) username = anchor;
  else if (password !== null) {
    // The identifier that comes before the password (document order), else the first one.
    const at = group.findIndex((f) => f.element === password);
    username = identifiers.filter((f) => group.indexOf(f) < at).at(-1)?.element ?? identifiers[0]?.element ?? null;
  } else if (anchorKind !== 'new-password' && anchorKind !== 'totp') username = identifiers[0]?.element ?? null;

  return { form, username, password, totp, newPasswords };
}
