// After a form was sent: offer to save a new login, to update a saved one, or nothing (pure, tested
// in Node). Nothing when the password is already saved for that username; an update when the site
// has a login for that username (or, on a change-password form, the login whose current password
// was typed) with another password; a new login otherwise.
import type { SubmittedLogin } from '../messages';

export type SavedLogin = { id: string; name: string; username: string; password: string };

export type SaveDecision =
  | { kind: 'none' }
  | { kind: 'save'; username: string; password: string }
  | { kind: 'update'; itemId: string; itemName: string; username: string; password: string };

const sameUser = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function decideSave(input: {
  submitted: SubmittedLogin;
  /** The site's logins (matching the page), with their passwords. */
  saved: readonly SavedLogin[];
  /** The username typed on an earlier step of this login in this tab. */
  earlierUsername: string | null;
}): SaveDecision {
  const { submitted, saved } = input;
  const username = submitted.username || input.earlierUsername || '';
  const password = submitted.formKind === 'login' ? submitted.password : submitted.newPassword;
  if (password === '') return { kind: 'none' };

  const forUser = saved.filter((login) => sameUser(login.username, username));
  if (forUser.some((login) => login.password === password)) return { kind: 'none' };

  let target: SavedLogin | undefined = forUser[0];
  if (submitted.formKind === 'change-password' || submitted.formKind === 'reset') {
    target =
      (submitted.password !== '' ? saved.find((login) => login.password === submitted.password) : undefined) ??
      target ??
      (saved.length === 1 ? saved[0] : undefined);
  }
  if (target === undefined) return { kind: 'save', username, password };
  return { kind: 'update', itemId: target.id, itemName: target.name, username: target.username || username, password };
}
