// vault.*: the account's vault header, read and compare-and-swap write.
import { putHeaderInputSchema } from '@keyhold/shared/sync/protocol';
import { noInputSchema } from '@keyhold/shared/sync/protocol-primitives';
import { authedProcedure, router } from '../trpc';
import { getHeader, putHeader } from '../vault/vault-header';

export const vaultRouter = router({
  getHeader: authedProcedure.input(noInputSchema).query(({ ctx }) => getHeader(ctx.app, { accountId: ctx.account.id })),
  putHeader: authedProcedure.input(putHeaderInputSchema).mutation(({ ctx, input }) => putHeader(ctx.app, { accountId: ctx.account.id }, input)),
});
