// The errors an attacker can probe on the sign-in paths. They say no more than needed: an unknown
// email and a wrong key give the same answer, and throttling answers the same for both.
import { DomainError, retryAfterSeconds } from '../domain/errors';

export function invalidCredentials(): DomainError {
  return new DomainError('unauthenticated', 'Wrong email or master password.');
}

/** The wait comes from the throttle's keys alone, never from the account, so it tells nothing either. */
export function tooManyAttempts(retryAfterMs: number): DomainError {
  const seconds = retryAfterSeconds(retryAfterMs);
  return new DomainError('rate_limited', `Too many failed attempts. Try again in ${seconds} seconds.`, { retryAfterMs });
}

export function wrongCurrentKey(): DomainError {
  return new DomainError('forbidden', 'The master password is incorrect.');
}
