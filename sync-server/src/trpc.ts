// tRPC, initialised once. Exports only `router`, `publicProcedure` and `authedProcedure`.
// authedProcedure reads `Authorization: Bearer <token>` and puts `{ account, session }` on ctx.
// Errors: input validation issues become one readable 400 message; anything unexpected is answered
// as a bare "Internal server error" (details go to the log, never to the client).
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context';
import { bearerToken } from './sessions/bearer-token';
import { validateSessionToken } from './sessions/sessions';

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') return { ...shape, message: 'Internal server error' };
    if (error.code === 'BAD_REQUEST' && hasIssues(error.cause)) {
      return { ...shape, message: describeInputIssues(error.cause.issues) };
    }
    return shape;
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  const bearer = bearerToken(ctx.authorization);
  if (bearer.kind === 'missing') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: send Authorization: Bearer <token>.' });
  }
  if (bearer.kind === 'malformed') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Malformed Authorization header: expected Bearer <token>.' });
  }
  const session = validateSessionToken(ctx.app, bearer.token);
  if (!session) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This session has expired or was revoked. Sign in again.' });
  }
  return next({ ctx: { account: { id: session.accountId }, session } });
});

type Issue = { path: readonly PropertyKey[]; message: string };

function hasIssues(cause: unknown): cause is { issues: readonly Issue[] } {
  return typeof cause === 'object' && cause !== null && Array.isArray((cause as { issues?: unknown }).issues);
}

/** "Invalid input: items.0.id: must be a lowercase UUID; …" — at most a few issues, never the values. */
function describeInputIssues(issues: readonly Issue[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `Invalid input: ${shown.join('; ')}${more}`;
}
