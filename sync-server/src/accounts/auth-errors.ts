// The errors an attacker can probe on the sign-in paths. They say no more than needed: an unknown
// email and a wrong key give the same answer, and throttling answers the same for both.
import { TRPCError } from '@trpc/server';

export function invalidCredentials(): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or master password.' });
}

export function tooManyAttempts(retryAfterMs: number): TRPCError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many failed attempts. Try again in ${seconds} seconds.`,
  });
}

export function wrongCurrentKey(): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message: 'The master password is incorrect.' });
}
