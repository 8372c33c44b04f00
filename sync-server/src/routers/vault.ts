// vault.*: the account's vault header, read and compare-and-swap write; the manifest tree's nodes
// the header's root names (upload; read by hash, or a whole subtree at once); and the sealed index
// snapshot (upload a chunk, read a chunk; ADR 0025). Reads of nodes and chunks in one batched request
// share its response budget (sync/pull-items.ts).
import {
  getNodesInputSchema,
  getSubtreesInputSchema,
  getSnapshotInputSchema,
  putHeaderInputSchema,
  putNodesInputSchema,
  putSnapshotInputSchema,
} from '@keyhold/shared/sync/protocol';
import { noInputSchema } from '@keyhold/shared/sync/protocol-primitives';
import { authedProcedure, router } from '../trpc';

export const vaultRouter = router({
  getHeader: authedProcedure.input(noInputSchema).query(({ ctx }) => ctx.app.vault.get({ accountId: ctx.account.id })),
  putHeader: authedProcedure.input(putHeaderInputSchema).mutation(({ ctx, input }) => ctx.app.vault.put({ accountId: ctx.account.id }, input)),
  putNodes: authedProcedure.input(putNodesInputSchema).mutation(({ ctx, input }) => ctx.app.manifestNodes.put({ accountId: ctx.account.id }, input)),
  getNodes: authedProcedure
    .input(getNodesInputSchema)
    .query(({ ctx, input }) => ctx.app.manifestNodes.get({ accountId: ctx.account.id }, input, ctx.responseBudget)),
  getSubtrees: authedProcedure
    .input(getSubtreesInputSchema)
    .query(({ ctx, input }) => ctx.app.manifestNodes.subtrees({ accountId: ctx.account.id }, input, ctx.responseBudget)),
  putSnapshot: authedProcedure
    .input(putSnapshotInputSchema)
    .mutation(({ ctx, input }) => ctx.app.indexSnapshots.put({ accountId: ctx.account.id }, input)),
  getSnapshot: authedProcedure
    .input(getSnapshotInputSchema)
    .query(({ ctx, input }) => ctx.app.indexSnapshots.get({ accountId: ctx.account.id }, input, ctx.responseBudget)),
});
