// The one shape every reply takes, so a failure crosses contexts as data instead of a lost exception.
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
  | 'INTERNAL';

export type Failure = { ok: false; error: { code: ErrorCode; message: string; retryAfterMs?: number } };
export type Result<T> = { ok: true; value: T } | Failure;

/** An error a handler throws on purpose; its message is meant for the user. */
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
