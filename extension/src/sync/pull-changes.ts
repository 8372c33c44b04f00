// Pull: the server's changes since this device's cursor, a page at a time, each page classified
// (classify-incoming.ts) and applied with the cursor in one transaction, so a service worker killed
// mid-pull resumes where it stopped. A "full" pull lists everything from revision 0 — the first
// sync of a device, a resync after the server purged tombstones, and the periodic check — and then
// compares the complete listing with this device's bases and the manifest (check-listing.ts).
// Answers that break the protocol's own rules (revisions out of order, a cursor going backwards)
// are not acted upon.
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import type { SyncBaseRow } from '../vault/db';
import { applyVerified } from './apply-verified';
import { classifyIncoming } from './classify-incoming';
import { checkListing } from './check-listing';
import { ServerError } from './server-client';
import type { SyncRun } from './sync-run';

/** Items per page: a 10,000-item vault comes in 5 pages (the server also caps a page at 8 MiB). */
export const PULL_PAGE_LIMIT = 2000;

export type PullOutcome = { applied: number; held: number; rejected: number; pages: number; full: boolean };

/** Thrown when the server's account revision is below what this device has already applied. */
export class ServerRollbackError extends Error {
  override readonly name = 'ServerRollbackError';
}

function assertPage(items: readonly ServerItem[], since: number, revision: number): void {
  let previous = since;
  const ids = new Set<string>();
  for (const item of items) {
    if (item.revision <= previous || item.revision > revision || ids.has(item.id)) {
      throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.pull' });
    }
    previous = item.revision;
    ids.add(item.id);
  }
}

export async function pullChanges(run: SyncRun, options: { full: boolean }): Promise<PullOutcome> {
  const progress = await run.state.get('progress');
  if (!progress) throw new Error('pullChanges: no sync progress record');
  const full = options.full || progress.cursor === 0;
  const outcome: PullOutcome = { applied: 0, held: 0, rejected: 0, pages: 0, full };
  const listed = full ? new Set<string>() : null;
  let since = full ? 0 : progress.cursor;
  let accountRevision = progress.cursor;
  for (;;) {
    const page = await run.client.pull({ since, limit: PULL_PAGE_LIMIT });
    outcome.pages += 1;
    if (page.resetRequired) {
      if (full) throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.pull' });
      // Deletions this device has not seen were purged: only a full listing can tell what is gone.
      return pullChanges(run, { full: true });
    }
    if (page.revision < progress.cursor) {
      await run.reports.add('server-rollback', { revision: page.revision });
      throw new ServerRollbackError('the server is behind this device');
    }
    assertPage(page.items, since, page.revision);
    if (page.hasMore && page.items.length === 0) throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.pull' });
    for (const item of page.items) listed?.add(item.id);
    const last = page.items.at(-1)?.revision ?? since;
    // A full listing moves the cursor only at its end, after the whole listing was checked.
    const cursor = full ? undefined : page.hasMore ? last : Math.max(last, page.revision);
    const counts = await processIncoming(run, page.items, { cursor });
    outcome.applied += counts.applied;
    outcome.held += counts.held;
    outcome.rejected += counts.rejected;
    accountRevision = page.revision;
    if (!page.hasMore) break;
    since = last;
  }
  if (listed) await checkListing(run, { listed, revision: accountRevision });
  return outcome;
}

/** Classifies incoming versions, reports what is refused, applies and holds the rest in one write. */
export async function processIncoming(
  run: SyncRun,
  items: readonly ServerItem[],
  options: { cursor?: number },
): Promise<{ applied: number; held: number; rejected: number }> {
  const bases = new Map<string, SyncBaseRow>();
  const rows = await run.db.syncBase.bulkGet(items.map((i) => i.id));
  for (const row of rows) if (row) bases.set(row.id, row);
  const classified = await classifyIncoming(run, items, bases);
  for (const { server, kind } of classified.rejected) await run.reports.add(kind, { itemId: server.id, revision: server.revision });
  const release = [...classified.echoes, ...classified.rejected.map((r) => r.server.id)];
  const extras = { hold: classified.held, release, ...(options.cursor !== undefined ? { cursor: options.cursor } : {}) };
  const applied = await applyVerified(run, classified.verified, extras);
  return { applied: applied.applied, held: classified.held.length, rejected: classified.rejected.length };
}
