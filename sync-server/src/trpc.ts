// tRPC, initialised once. Exports `router`, `publicProcedure`, `authedProcedure` and `responseMeta`.
// Every call gets `ctx.responseBudget`, shared by the calls of one HTTP request (a batch).
// authedProcedure reads `Authorization: Bearer <token>` and puts `{ account, session }` on ctx.
// Errors: the use cases' DomainErrors become tRPC codes here and nowhere else (DOMAIN_CODES); input
// validation issues become one readable 400 message; anything unexpected is answered as a bare
// "Internal server error" (details go to the log, never to the client). A throttled refusal that
// ends at a known time says when: `data.retryAfterSeconds` in the error, and a Retry-After header on
// the HTTP answer (`responseMeta`, which http/create-http-server.ts hands to tRPC's handler).
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { Context } from './context';
import { DomainError, retryAfterSeconds, type DomainErrorKind } from './domain/errors';
import { bearerToken } from './sessions/bearer-token';
import { newResponseBudget, type ResponseBudget } from './sync/pull-items';

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') return { ...shape, message: 'Internal server error' };
    if (error.code === 'BAD_REQUEST' && hasIssues(error.cause)) {
      return { ...shape, message: describeInputIssues(error.cause.issues) };
    }
    const wait = retryAfterOf(error);
    if (wait !== undefined) return { ...shape, data: { ...shape.data, retryAfterSeconds: wait } };
    return shape;
  },
});

/** Whole seconds until a throttled caller may try again, when the refusal says so. */
function retryAfterOf(error: TRPCError): number | undefined {
  const cause = error.cause;
  if (!(cause instanceof DomainError) || cause.kind !== 'rate_limited' || cause.retryAfterMs === undefined) return undefined;
  return retryAfterSeconds(cause.retryAfterMs);
}

/**
 * For tRPC's HTTP handler: the Retry-After header of a throttled answer, the same seconds as the
 * error's `data.retryAfterSeconds` (the longest, if several calls of one batch were throttled).
 */
export function responseMeta({ errors }: { errors: readonly TRPCError[] }): { headers?: Record<string, string> } {
  const waits = errors.map(retryAfterOf).filter((wait) => wait !== undefined);
  return waits.length > 0 ? { headers: { 'retry-after': String(Math.max(...waits)) } } : {};
}

const DOMAIN_CODES: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  invalid: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  rate_limited: 'TOO_MANY_REQUESTS',
};

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  if (cause instanceof DomainError) throw new TRPCError({ code: DOMAIN_CODES[cause.kind], message: cause.message, cause });
  return result;
});

/**
 * One response budget per HTTP request (sync/pull-items.ts): tRPC creates the context once per
 * request and hands that same object to the first middleware of every call in a batch, so the
 * budget is keyed by it.
 */
const budgets = new WeakMap<Context, ResponseBudget>();
const withResponseBudget = t.middleware(({ ctx, next }) => {
  let responseBudget = budgets.get(ctx);
  if (!responseBudget) {
    responseBudget = newResponseBudget();
    budgets.set(ctx, responseBudget);
  }
  return next({ ctx: { responseBudget } });
});

export const router = t.router;
export const publicProcedure = t.procedure.use(withResponseBudget).use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const bearer = bearerToken(ctx.authorization);
  if (bearer.kind === 'missing') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: send Authorization: Bearer <token>.' });
  }
  if (bearer.kind === 'malformed') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Malformed Authorization header: expected Bearer <token>.' });
  }
  const session = await ctx.app.sessions.validate(bearer.token);
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
