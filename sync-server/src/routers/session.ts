// session.*: the signed-in account's devices; revoke one, all others, or this one (logout).
import { TRPCError } from '@trpc/server';
import { revokeSessionInputSchema } from '@keyhold/shared/sync/protocol';
import { noInputSchema } from '@keyhold/shared/sync/protocol-primitives';
import { listSessions, revokeOtherSessions, revokeSession } from '../sessions/sessions';
import { authedProcedure, router } from '../trpc';

export const sessionRouter = router({
  list: authedProcedure
    .input(noInputSchema)
    .query(({ ctx }) => listSessions(ctx.app, { accountId: ctx.account.id, currentSessionId: ctx.session.id })),
  revoke: authedProcedure.input(revokeSessionInputSchema).mutation(({ ctx, input }) => {
    const revoked = revokeSession(ctx.app, {
      accountId: ctx.account.id,
      sessionId: input.sessionId,
      reason: 'revoked',
      ip: ctx.ip,
    });
    // Another account's session id gets the same answer as one that never existed.
    if (!revoked) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such session on this account.' });
    return { revoked: true as const };
  }),
  revokeOthers: authedProcedure.input(noInputSchema).mutation(({ ctx }) => ({
    revoked: revokeOtherSessions(ctx.app, {
      accountId: ctx.account.id,
      keepSessionId: ctx.session.id,
      reason: 'revoked_others',
      ip: ctx.ip,
    }),
  })),
  logout: authedProcedure.input(noInputSchema).mutation(({ ctx }) => {
    revokeSession(ctx.app, { accountId: ctx.account.id, sessionId: ctx.session.id, reason: 'logout', ip: ctx.ip });
    return { loggedOut: true as const };
  }),
});
