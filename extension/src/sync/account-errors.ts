// Turns a server failure during sign-up, log-in, device management or a password change into the
// error the page shows: what happened and what to do, in the user's language. Every word comes from
// the catalogue (server-client.ts words each kind of problem); the server's own English text is never
// the message, because it is neither translated nor trusted.
import { UserError } from '../common/user-error';
import { describeProblem, ServerError, type ServerProblem } from './server-client';
import { t } from '../i18n/messages';
import { waitText } from '../i18n/wait-text';

export function accountError(error: unknown, options: { loggingIn?: boolean } = {}): unknown {
  if (!(error instanceof ServerError)) return error;
  const problem = error.problem;
  switch (problem.kind) {
    case 'offline':
      return new UserError('INVALID', t('error_account_errors_the_sync_server_cannot_be'));
    case 'unauthorized':
      return options.loggingIn
        ? new UserError('WRONG_PASSWORD', t('error_account_errors_wrong_email_or_master_password'))
        : new UserError('FORBIDDEN', describeProblem(problem));
    case 'rate-limited':
      return rateLimitedError(problem);
    case 'refused':
    case 'unavailable':
    case 'invalid-answer':
      return new UserError('INVALID', describeProblem(problem));
  }
}

/**
 * Calls the server throttles per attempt — a sign-in, a sign-up, the master password check of a
 * change or deletion (sync-server/src/accounts/login.ts, register-account.ts, verify-account-key.ts):
 * for these a 429 means "too many attempts".
 */
const ATTEMPTS = new Set(['account.login', 'account.register', 'account.changeMasterPassword', 'account.delete']);

/**
 * The server throttled something the user asked for: they are the one to try again, so this says
 * when (the server's Retry-After as "2 min 5 s"), or to wait a while where the server did not say.
 * The delay goes along as `retryAfterMs` for the page to show; nothing here tries again by itself.
 */
export function rateLimitedError(problem: Extract<ServerProblem, { kind: 'rate-limited' }>): UserError {
  const wait = problem.retryAfterMs;
  const attempts = ATTEMPTS.has(problem.procedure);
  if (wait === null) return new UserError('RATE_LIMITED', t(attempts ? 'error_account_too_many_attempts' : 'error_account_rate_limited'));
  return new UserError(
    'RATE_LIMITED',
    t(attempts ? 'error_account_too_many_attempts_wait' : 'error_account_rate_limited_wait', waitText(wait)),
    wait,
  );
}

/** Runs a server call, translating its failure for the user. */
export async function withAccountErrors<T>(work: () => Promise<T>, options: { loggingIn?: boolean } = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw accountError(error, options);
  }
}
