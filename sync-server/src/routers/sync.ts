// sync.*: pull changes since a revision, push changes based on a revision.
import { pullInputSchema, pushInputSchema } from '@keyhold/shared/sync/protocol';
import { authedProcedure, router } from '../trpc';

export const syncRouter = router({
  pull: authedProcedure.input(pullInputSchema).query(({ ctx, input }) => ctx.app.sync.pull({ accountId: ctx.account.id }, input)),
  push: authedProcedure.input(pushInputSchema).mutation(({ ctx, input }) => ctx.app.sync.push({ accountId: ctx.account.id }, input)),
});
