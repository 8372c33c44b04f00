// sync.pull: the account's items changed since a revision, in revision order, a page at a time.
// A page stops at `limit` items or ~4 MiB of envelopes (items are up to 1 MiB each), whichever comes
// first, and the storage stops reading there too. If tombstones the client has not seen were purged,
// it is told to resync from 0.
// One HTTP request may carry several calls (a tRPC batch): they share one ResponseBudget, so a batch
// of pulls answers with at most one page's worth of envelopes (plus one item) instead of one page per
// call — 16 batched pulls once made a single 359-byte GET answer 128 MiB (issue #11). A pull that
// finds the budget spent is refused (429) before it reads anything; clients pull one page per request.
import type { PullInput, PullOutput, ServerItem } from '@keyhold/shared/sync/protocol';
import { PULL_DEFAULT_LIMIT } from '@keyhold/shared/sync/protocol-primitives';
import { DomainError } from '../domain/errors';
import type { AccountStore, ItemStore } from '../storage/port';

export const PULL_PAGE_MAX_CHARS = 4 * 1024 * 1024;

/** Envelope characters one HTTP answer may still carry; shared by the calls of one request. */
export type ResponseBudget = { remainingChars: number };

export function newResponseBudget(): ResponseBudget {
  return { remainingChars: PULL_PAGE_MAX_CHARS };
}

export type PullItems = (who: { accountId: string }, input: PullInput, budget?: ResponseBudget) => Promise<PullOutput>;

export function createPullItems(deps: { items: ItemStore; accounts: Pick<AccountStore, 'header'> }): PullItems {
  return async (who, input, budget = newResponseBudget()) => {
    // Reserved before reading, so parallel calls of one batch cannot each read a full page.
    const maxChars = Math.min(PULL_PAGE_MAX_CHARS, budget.remainingChars);
    if (maxChars <= 0) {
      throw new DomainError('rate_limited', 'This request already carries a full page of pulled items: pull the next page in a request of its own.');
    }
    budget.remainingChars -= maxChars;
    const limit = input.limit ?? PULL_DEFAULT_LIMIT;
    const changes = await deps.items.changesSince({ accountId: who.accountId, since: input.since, limit: limit + 1, maxChars });
    if (!changes) return { resetRequired: false, items: [], revision: 0, hasMore: false };
    // A tombstone with a revision above `since` is gone: the client cannot learn that deletion.
    if (input.since > 0 && input.since < changes.purgedThrough) {
      budget.remainingChars += maxChars;
      return { resetRequired: true, revision: changes.revision };
    }
    const items = [];
    let used = 0;
    let hasMore = changes.items.length > limit;
    for (const item of changes.items.slice(0, limit)) {
      const size = itemSize(item);
      if (items.length > 0 && used + size > maxChars) {
        hasMore = true;
        break;
      }
      items.push(item);
      used += size;
    }
    // The storage stops reading once a page reaches maxChars, so more may follow.
    if (used >= maxChars) hasMore = true;
    // What this page did not use goes back to the request's budget (a first item larger than the
    // rest of the budget overdraws it, and the batch's later pulls are refused).
    budget.remainingChars += maxChars - used;
    if (items.length === 0) return { resetRequired: false, items, revision: changes.revision, hasMore };
    // A page that brings changes carries the manifest that vouches for them (read after the page, so
    // it is at least as new as what the page holds, unless a writer has not published its root yet):
    // the device verifies without a header request. An empty page (the idle poll) stays small.
    const manifest = (await deps.accounts.header(who.accountId))?.header.manifest;
    return { resetRequired: false, items, revision: changes.revision, hasMore, ...(manifest === undefined ? {} : { manifest }) };
  };
}

function itemSize(item: ServerItem): number {
  return item.envelopes ? item.envelopes.key.length + item.envelopes.overview.length + item.envelopes.details.length : 0;
}
