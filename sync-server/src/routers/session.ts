// session.*: the signed-in account's devices; revoke one, all others, or this one (logout).
import { revokeSessionInputSchema } from '@keyhold/shared/sync/protocol';
import { noInputSchema } from '@keyhold/shared/sync/protocol-primitives';
import { DomainError } from '../domain/errors';
import { authedProcedure, router } from '../trpc';

export const sessionRouter = router({
  list: authedProcedure
    .input(noInputSchema)
    .query(({ ctx }) => ctx.app.sessions.list({ accountId: ctx.account.id, currentSessionId: ctx.session.id })),
  revoke: authedProcedure.input(revokeSessionInputSchema).mutation(async ({ ctx, input }) => {
    const revoked = await ctx.app.sessions.revoke({ accountId: ctx.account.id, sessionId: input.sessionId, reason: 'revoked', ip: ctx.ip });
    // Another account's session id gets the same answer as one that never existed.
    if (!revoked) throw new DomainError('not_found', 'No such session on this account.');
    return { revoked: true as const };
  }),
  revokeOthers: authedProcedure.input(noInputSchema).mutation(async ({ ctx }) => ({
    revoked: await ctx.app.sessions.revokeOthers({ accountId: ctx.account.id, keepSessionId: ctx.session.id, reason: 'revoked_others', ip: ctx.ip }),
  })),
  logout: authedProcedure.input(noInputSchema).mutation(async ({ ctx }) => {
    await ctx.app.sessions.revoke({ accountId: ctx.account.id, sessionId: ctx.session.id, reason: 'logout', ip: ctx.ip });
    return { loggedOut: true as const };
  }),
});
