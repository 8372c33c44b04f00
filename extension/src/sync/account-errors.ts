// Turns a server failure during sign-up, log-in or device management into the error the Settings
// page shows: what happened and what to do, in the protocol's error codes.
import { UserError } from '../common/user-error';
import { describeProblem, ServerError } from './server-client';
import { t } from '../i18n/messages';

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
      return new UserError('RATE_LIMITED', problem.message || describeProblem(problem), problem.retryAfterMs ?? undefined);
    case 'refused':
      return new UserError('INVALID', problem.message);
    case 'unavailable':
    case 'invalid-answer':
      return new UserError('INVALID', describeProblem(problem));
  }
}

/** Runs a server call, translating its failure for the user. */
export async function withAccountErrors<T>(work: () => Promise<T>, options: { loggingIn?: boolean } = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw accountError(error, options);
  }
}
