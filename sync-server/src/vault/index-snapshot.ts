// vault.putSnapshot / vault.getSnapshot: the sealed index snapshot a new browser starts its first
// sync from (docs/adr/0025-first-sync-index-snapshot.md). A device uploads it one chunk per request
// under a random id; the server keeps the account's current (complete) snapshot and at most one
// upload, and makes the upload current, dropping the old one, when its last chunk arrives. The
// chunks are sealed by the client: the server checks their ids, indexes and counts, never their bytes.
// A snapshot is not an item change: nothing is announced on the change channel.
import type { GetSnapshotInput, GetSnapshotOutput, PutSnapshotInput, PutSnapshotOutput } from '@keyhold/shared/sync/protocol';
import { DomainError } from '../domain/errors';
import type { Storage } from '../storage/port';
import { newResponseBudget, type ResponseBudget } from '../sync/pull-items';

const toBase64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
const sameId = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
/** Characters of `bytes` bytes in unpadded base64url. */
const base64urlLength = (bytes: number): number => Math.ceil((bytes * 4) / 3);

export function createIndexSnapshots(deps: { storage: Storage }) {
  const { storage } = deps;
  return {
    put: (who: { accountId: string }, input: PutSnapshotInput): Promise<PutSnapshotOutput> => {
      const snapshotId = Buffer.from(input.snapshotId, 'base64url');
      const bytes = Buffer.from(input.chunk, 'base64url');
      return storage.transaction(async (tx) => {
        // The account row's lock orders this chunk after a concurrent one of the same account, so
        // the count of stored chunks below is true when the last two arrive at once.
        if ((await tx.items.lockRevision(who.accountId)) === null) throw new DomainError('not_found', 'This account no longer exists.');
        const current = await tx.indexSnapshots.current(who.accountId);
        if (current !== null && sameId(current.snapshotId, snapshotId)) {
          throw new DomainError('invalid', 'This snapshot is complete and can no longer change: upload a new snapshot under a new id.');
        }
        // Chunks under any other id are an upload abandoned for this one: an account holds the
        // current snapshot and one upload, never more.
        await tx.indexSnapshots.deleteChunks(who.accountId, { keep: current === null ? [snapshotId] : [snapshotId, current.snapshotId] });
        const stored = await tx.indexSnapshots.chunkIndexes(who.accountId, snapshotId);
        const declared = stored[0]?.count;
        if (declared !== undefined && declared !== input.count) {
          throw new DomainError(
            'invalid',
            `This snapshot's chunks were uploaded with a count of ${declared}, not ${input.count}: ` +
              'every chunk of one snapshot names the same count (upload a new snapshot under a new id).',
          );
        }
        // A chunk sent again (a retried request) replaces the one stored.
        await tx.indexSnapshots.putChunk(who.accountId, { snapshotId, index: input.index, count: input.count, bytes });
        const indexes = new Set(stored.map((chunk) => chunk.index)).add(input.index);
        if (indexes.size < input.count) return { complete: false };
        await tx.indexSnapshots.setCurrent(who.accountId, { snapshotId, count: input.count });
        await tx.indexSnapshots.deleteChunks(who.accountId, { keep: [snapshotId] });
        return { complete: true };
      });
    },

    get: async (who: { accountId: string }, input: GetSnapshotInput, budget: ResponseBudget = newResponseBudget()): Promise<GetSnapshotOutput> => {
      if (budget.remainingChars <= 0) {
        throw new DomainError('rate_limited', 'This request already carries a full answer: ask for the snapshot chunk in a request of its own.');
      }
      const current = await storage.indexSnapshots.current(who.accountId);
      if (current === null || input.index >= current.count) return { snapshot: null };
      if (input.snapshotId !== undefined && !sameId(current.snapshotId, Buffer.from(input.snapshotId, 'base64url'))) return { snapshot: null };
      // The chunk's size is read first and reserved from the request's budget before its bytes are:
      // the calls of one batch run at once, and only those that fit may read a chunk (up to 4 MiB).
      const length = await storage.indexSnapshots.chunkLength(who.accountId, current.snapshotId, input.index);
      if (length === null) return { snapshot: null }; // replaced since `current` was read
      const chars = base64urlLength(length);
      if (chars > budget.remainingChars) {
        throw new DomainError(
          'rate_limited',
          'This snapshot chunk does not fit in what this request already carries: ask for it in a request of its own.',
        );
      }
      budget.remainingChars -= chars;
      const bytes = await storage.indexSnapshots.chunk(who.accountId, current.snapshotId, input.index);
      if (bytes === null) {
        budget.remainingChars += chars;
        return { snapshot: null };
      }
      return { snapshot: { snapshotId: toBase64url(current.snapshotId), count: current.count, index: input.index, chunk: toBase64url(bytes) } };
    },
  };
}
