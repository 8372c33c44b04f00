// Errors meant for the user, shared by every layer (vault, sync, autofill, messaging). They live here,
// not in the messaging layer, so the feature folders depend on nothing above them (STYLE.md habit 12).
import { t } from '../i18n/messages';
export type ErrorCode =
  | 'WRONG_PASSWORD'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'NO_VAULT'
  | 'VAULT_EXISTS'
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'INVALID'
  | 'FORBIDDEN'
  | 'INTERNAL'
  /** Nothing was done: the message is a warning the user must accept before the same request is sent again, accepting it. */
  | 'CONFIRM'
  /** Like CONFIRM, for a log-in whose server salt Keyhold cannot check (sync/log-in.ts): accepting it is a separate choice. */
  | 'CONFIRM_SALT';

/** An error thrown on purpose; its message is meant for the user. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The vault is locked (or was locked while the work ran): the one error every such case gives. */
export function lockedError(): UserError {
  return new UserError('LOCKED', t('error_user_error_the_vault_is_locked'));
}
