// vault.*: the account's vault header, read and compare-and-swap write.
import { putHeaderInputSchema } from '@keyhold/shared/sync/protocol';
import { noInputSchema } from '@keyhold/shared/sync/protocol-primitives';
import { authedProcedure, router } from '../trpc';

export const vaultRouter = router({
  getHeader: authedProcedure.input(noInputSchema).query(({ ctx }) => ctx.app.vault.get({ accountId: ctx.account.id })),
  putHeader: authedProcedure.input(putHeaderInputSchema).mutation(({ ctx, input }) => ctx.app.vault.put({ accountId: ctx.account.id }, input)),
});
