// The one shape every reply takes, so a failure crosses contexts as data instead of a lost exception.
import type { ErrorCode } from '../common/user-error';

export type { ErrorCode };
export type Failure = { ok: false; error: { code: ErrorCode; message: string; retryAfterMs?: number } };
export type Result<T> = { ok: true; value: T } | Failure;
