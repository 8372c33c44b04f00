// sync.*: pull changes since a revision, push changes based on a revision.
import { pullInputSchema, pushInputSchema } from '@keyhold/shared/sync/protocol';
import { pullItems } from '../sync/pull-items';
import { pushItems } from '../sync/push-items';
import { authedProcedure, router } from '../trpc';

export const syncRouter = router({
  pull: authedProcedure.input(pullInputSchema).query(({ ctx, input }) => pullItems(ctx.app, { accountId: ctx.account.id }, input)),
  push: authedProcedure.input(pushInputSchema).mutation(({ ctx, input }) => pushItems(ctx.app, { accountId: ctx.account.id }, input)),
});
