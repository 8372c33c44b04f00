// sync.pull: the account's items changed since a revision, in revision order, a page at a time.
// A page stops at `limit` items or ~8 MiB of envelopes (items are up to 1 MiB each), whichever
// comes first. If tombstones the client has not seen were purged, it is told to resync from 0.
import type { PullInput, PullOutput, ServerItem } from '@keyhold/shared/sync/protocol';
import { PULL_DEFAULT_LIMIT } from '@keyhold/shared/sync/protocol-primitives';
import type { ItemStore } from '../storage/port';

export const PULL_PAGE_MAX_CHARS = 8 * 1024 * 1024;

export type PullItems = (who: { accountId: string }, input: PullInput) => Promise<PullOutput>;

export function createPullItems(deps: { items: ItemStore }): PullItems {
  return async (who, input) => {
    const limit = input.limit ?? PULL_DEFAULT_LIMIT;
    const changes = await deps.items.changesSince({ accountId: who.accountId, since: input.since, limit: limit + 1 });
    if (!changes) return { resetRequired: false, items: [], revision: 0, hasMore: false };
    // A tombstone with a revision above `since` is gone: the client cannot learn that deletion.
    if (input.since > 0 && input.since < changes.purgedThrough) {
      return { resetRequired: true, revision: changes.revision };
    }
    const items = [];
    let chars = 0;
    let hasMore = changes.items.length > limit;
    for (const item of changes.items.slice(0, limit)) {
      chars += itemSize(item);
      if (items.length > 0 && chars > PULL_PAGE_MAX_CHARS) {
        hasMore = true;
        break;
      }
      items.push(item);
    }
    return { resetRequired: false, items, revision: changes.revision, hasMore };
  };
}

function itemSize(item: ServerItem): number {
  return item.envelopes ? item.envelopes.key.length + item.envelopes.overview.length + item.envelopes.details.length : 0;
}
