// The login a submitted group of fields holds, counting only values the user typed or we filled.
// Pure over the detector's fields (tested in Node). A confirmation that differs from the new
// password means a typo: nothing is offered for it.
import type { DetectedField } from '../detect/types';
import type { SubmittedLogin } from '../messages';
import type { CredentialValues } from './credential-values';

const SAVABLE = new Set(['login', 'signup', 'change-password', 'reset']);

export function collectLogin(group: readonly DetectedField[], values: Pick<CredentialValues, 'trusted'>): SubmittedLogin | null {
  const formKind = group[0]?.form.kind;
  if (formKind === undefined || !SAVABLE.has(formKind)) return null;

  let username = '';
  for (const field of group) {
    if (field.kind !== 'username' && field.kind !== 'email') continue;
    const value = values.trusted(field.element);
    // A read-only identifier is the site showing whose password step this is (e.g. step 2 of 2).
    const shown = 'readOnly' in field.element && field.element.readOnly ? field.element.value : '';
    username = (value ?? shown).trim();
    if (username !== '') break;
  }

  const password =
    group
      .filter((f) => f.kind === 'current-password')
      .map((f) => values.trusted(f.element))
      .find((v) => v !== null) ?? '';

  const fresh = group.filter((f) => f.kind === 'new-password').map((f) => values.trusted(f.element));
  const typedFresh = fresh.filter((v): v is string => v !== null);
  const newPassword =
    typedFresh.length > 0 && typedFresh.length === fresh.length && typedFresh.every((v) => v === typedFresh[0]) ? typedFresh[0]! : '';

  const kind = formKind as SubmittedLogin['formKind'];
  if (kind === 'login' && password === '' && username === '') return null;
  if (kind !== 'login' && newPassword === '') return null;
  return { formKind: kind, username, password, newPassword };
}
