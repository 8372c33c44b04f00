// sync.*: pull changes since a revision, push changes based on a revision. Pulls in one batched
// request share its response budget (sync/pull-items.ts).
import { pullInputSchema, pushInputSchema } from '@keyhold/shared/sync/protocol';
import { authedProcedure, router } from '../trpc';

export const syncRouter = router({
  pull: authedProcedure.input(pullInputSchema).query(({ ctx, input }) => ctx.app.sync.pull({ accountId: ctx.account.id }, input, ctx.responseBudget)),
  push: authedProcedure.input(pushInputSchema).mutation(({ ctx, input }) => ctx.app.sync.push({ accountId: ctx.account.id }, input)),
});
