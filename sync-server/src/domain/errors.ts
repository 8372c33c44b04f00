// The ways a use case can refuse a request. Use cases throw these; only trpc.ts turns them into
// HTTP/tRPC codes, so the application knows nothing of the transport. Messages are what the client
// sees: they say what happened and what to do, and nothing an attacker could use to probe.
export type DomainErrorKind =
  /** The caller is not who they claim (wrong credentials, expired session). */
  | 'unauthenticated'
  /** The caller is known but may not do this (closed registration, wrong re-entered key). */
  | 'forbidden'
  | 'not_found'
  /** Well-formed, but it names state the server does not hold (a manifest root before its nodes). */
  | 'invalid'
  /** The state moved under the caller (taken email, concurrent password change). */
  | 'conflict'
  /** Throttled; `retryAfterMs`, where given, says for how long (trpc.ts sends it as Retry-After). */
  | 'rate_limited';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** For 'rate_limited' refusals that end at a known time: how long until the caller may try again. */
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    options: { retryAfterMs?: number } = {},
  ) {
    super(message);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A wait as HTTP's Retry-After says it: whole seconds, rounded up, never below one. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
