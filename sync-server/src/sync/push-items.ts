// sync.push: applies each item only if its baseRevision equals the stored revision (0 = must not
// exist), all in ONE transaction, and gives accepted items consecutive revisions from the account's
// counter. Items whose base is stale come back as conflicts with the server's current version.
import type { PushInput, PushOutput, ServerItem } from '@keyhold/shared/sync/protocol';
import type { AccountChange, Storage } from '../storage/port';

/** `committed`: told after a push that assigned revisions has committed (live push, account-events.ts). */
export function createPushItems(deps: { storage: Storage; now: () => number; committed?: (change: AccountChange) => void }) {
  return async (who: { accountId: string }, input: PushInput): Promise<PushOutput> => {
    const output = await deps.storage.transaction(async (tx): Promise<PushOutput> => {
      // Locks the counter: a concurrent push to this account waits here until this one commits.
      const base = await tx.items.lockRevision(who.accountId);
      if (base === null) return { accepted: [], conflicts: [], revision: 0 };
      const now = deps.now();
      const stored = await tx.items.revisions(
        who.accountId,
        input.items.map((item) => item.id),
      );
      let revision = base;
      const writes: ServerItem[] = [];
      const stale: string[] = [];
      for (const item of input.items) {
        if ((stored.get(item.id) ?? 0) !== item.baseRevision) {
          stale.push(item.id);
          continue;
        }
        revision += 1;
        // A tombstone drops the envelopes and keeps id + revision (purged after the retention period).
        writes.push(
          item.deleted
            ? { id: item.id, revision, deleted: true, envelopes: null, updatedAt: now }
            : { id: item.id, revision, deleted: false, envelopes: item.envelopes, updatedAt: now },
        );
      }
      if (writes.length > 0) {
        await tx.items.put(who.accountId, writes);
        await tx.items.setRevision(who.accountId, revision);
      }
      const current = new Map((await tx.items.get(who.accountId, stale)).map((item) => [item.id, item]));
      return {
        accepted: writes.map(({ id, revision: assigned }) => ({ id, revision: assigned })),
        conflicts: stale.map((id) => ({ id, current: current.get(id) ?? null })),
        revision,
      };
    });
    if (output.accepted.length > 0) deps.committed?.({ accountId: who.accountId, revision: output.revision });
    return output;
  };
}
