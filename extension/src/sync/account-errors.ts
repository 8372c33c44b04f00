// Turns a server failure during sign-up, log-in or device management into the error the Settings
// page shows: what happened and what to do, in the protocol's error codes.
import { UserError } from '../common/user-error';
import { describeProblem, ServerError } from './server-client';

export function accountError(error: unknown, options: { loggingIn?: boolean } = {}): unknown {
  if (!(error instanceof ServerError)) return error;
  const problem = error.problem;
  switch (problem.kind) {
    case 'offline':
      return new UserError(
        'INVALID',
        'The sync server cannot be reached. Check the address, that the server is running, and that Keyhold was allowed to connect to it.',
      );
    case 'unauthorized':
      return options.loggingIn
        ? new UserError('WRONG_PASSWORD', 'Wrong email or master password for this server.')
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
