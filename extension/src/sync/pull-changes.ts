// Pull: the server's changes since this device's cursor, a page at a time, each page classified
// (classify-incoming.ts) and applied with the cursor in one transaction, so a service worker killed
// mid-pull resumes where it stopped. A "full" pull lists everything from revision 0 — the first
// sync of a device, a resync after the server purged tombstones, and the periodic check — and then
// compares the complete listing with this device's bases and the manifest (check-listing.ts). A
// full listing is a pipeline: page N+1 downloads while page N is opened (AEAD, digests), and pages
// are opened one after another as they come — also while a new device is still fetching the
// manifest's tree; judging them against the manifest (once the tree is in) follows in page order,
// one chain behind the opening, and writing behind the judging: the pages judged while a write
// commits are written together by the next one (a failed judging or write stops the pull before
// anything after it is written). Its pages defer the stored overview
// index — re-sealing the whole index per page would cost more than the page — which is stored once
// at the end, or rebuilt from the rows by the next load if that never comes (vault/item-writes.ts).
// The in-memory index has each page as soon as it is written: an open popup lists and suggests what
// has arrived. The last page's write stores it with that page's rows ('complete'), sealed while the
// pages before it commit.
// A device with nothing synced yet also reads the account's index snapshot (ADR 0025), beside the
// first page: an item whose envelopes are exactly those the snapshot names is not opened.
// Answers that break the protocol's own rules (revisions out of order, a cursor going backwards)
// are not acted upon.
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import { applyVerified } from './apply-verified';
import { classifyIncoming, judgeOpened, openIncoming, type Classified, type OpenedIncoming } from './classify-incoming';
import { checkListing } from './check-listing';
import { addSnapshotDebt, fetchSnapshot, listSnapshotAhead } from './index-snapshot';
import { ServerError } from './server-client';
import type { SyncRun } from './sync-run';
import type { IndexWrite } from '../vault/item-writes';

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

export async function pullChanges(run: SyncRun, options: { full: boolean; manifest?: string | undefined }): Promise<PullOutcome> {
  const progress = await run.state.get('progress');
  if (!progress) throw new Error('pullChanges: no sync progress record');
  const full = options.full || progress.cursor === 0;
  const outcome: PullOutcome = { applied: 0, held: 0, rejected: 0, pages: 0, full };
  const listed = full ? new Set<string>() : null;
  // A full listing names each item once, so a page's write changes no base a later page is judged
  // against: its pages are classified against the bases as they were at the start, and decrypting a
  // page need not wait for the write of the one before to read them.
  const startBases = listed ? await run.bases.all() : null;
  // A device with nothing synced yet reads the account's index snapshot beside the first page
  // (index-snapshot.ts): its pages' items that the snapshot names exactly are not opened.
  const fresh = startBases !== null && startBases.size === 0;
  const snapshot = fresh ? fetchSnapshot(run) : Promise.resolve(null);
  // A new device with nothing of its own yet (the usual first sync): its pages' writes need read
  // nothing and are pipelined (apply-verified.ts, `untouched`), each page written — and its items
  // listed — as soon as it is judged, instead of behind the commit of the write before.
  const untouched = fresh && (await isUntouched(run));
  // Once the manifest tree is in, such a device lists the snapshot's items the tree vouches for ahead
  // of their rows (ADR 0027): the popup suggests them while the pages are still coming. Whatever of
  // it no page brought is no longer listed when the listing ends (endAhead, below).
  let listedAhead: Promise<unknown> | null = null;
  const listAheadOnce = (vouching: Promise<void>) => {
    if (!untouched || listedAhead) return;
    // The tree is checked before it is stored (the offer settles after): listing need not wait for that.
    listedAhead = Promise.all([snapshot, Promise.race([vouching, run.book.treeTaken()])]).then(
      ([entries]) => entries && listSnapshotAhead(run, entries),
    );
    listedAhead.catch(() => undefined);
  };
  const endAhead = async () => {
    if (!listedAhead) return;
    await listedAhead.catch(() => undefined);
    await run.items.endAhead();
  };
  /** The pipelined writes of an untouched listing, in page order. */
  const pipelined: Promise<void>[] = [];
  /** Live items of this listing that the snapshot did not cover (opened the usual way). */
  let missed = 0;
  // The judging of a full listing's pages, in order, behind their opening; and their writing, behind
  // the judging: the pages judged while a write commits go together in the next one (a new device
  // judges its pages together once the tree is in — one transaction for many pages costs IndexedDB
  // far less than one per page).
  let judging: Promise<void> = Promise.resolve();
  /** Pages judged and not yet written (joined), and whether the listing's last page is among them. */
  let pending: Classified | null = null;
  let pendingHasLast = false;
  const writer = { busy: false, done: Promise.resolve() };
  const writeJudged = async (): Promise<void> => {
    writer.busy = true;
    try {
      while (pending && !stopped) {
        const classified = pending;
        const last = pendingHasLast;
        pending = null;
        pendingHasLast = false;
        deferred ||= classified.verified.length > 0;
        // The write with the last page stores the index too.
        const index = deferred && last ? 'complete' : 'defer';
        completed = index === 'complete';
        await apply(classified, undefined, index);
      }
    } catch (error) {
      stopped = true;
      throw error;
    } finally {
      writer.busy = false;
    }
  };
  const writing = async (): Promise<void> => {
    await judging;
    await writer.done;
    await Promise.all(pipelined);
  };
  /** Whether the judging or a write has failed: the listing stops. */
  let stopped = false;
  let deferred = false;
  // Whether the last page's write stores the index ('complete'); otherwise it is stored at the end.
  let completed = false;
  const apply = async (classified: Classified, cursor: number | undefined, index: IndexWrite) => {
    const counts = await applyClassified(run, classified, { cursor, index, untouched });
    outcome.applied += counts.applied;
    outcome.held += counts.held;
    outcome.rejected += counts.rejected;
  };
  const fetchPage = (since: number) => {
    const answer = run.client.pull({ since, limit: PULL_PAGE_LIMIT });
    // A page fetched ahead may be abandoned if this one is refused; its failure is not news.
    answer.catch(() => undefined);
    return answer;
  };
  let since = full ? 0 : progress.cursor;
  let request = fetchPage(since);
  // A root the caller just read from the header (a log-in) is taken in beside the first page — a new
  // device fetches the whole tree — instead of after it; the page's root is the same, or a later one.
  const early = options.manifest !== undefined ? run.book.offer(options.manifest) : Promise.resolve();
  early.catch(() => undefined);
  if (options.manifest !== undefined) listAheadOnce(early);
  let accountRevision = progress.cursor;
  try {
    for (;;) {
      const page = await request;
      outcome.pages += 1;
      if (page.resetRequired) {
        if (full) throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.pull' });
        // Deletions this device has not seen were purged: only a full listing can tell what is gone.
        return await pullChanges(run, { full: true });
      }
      if (page.revision < progress.cursor) {
        await run.reports.add('server-rollback', { revision: page.revision });
        throw new ServerRollbackError('the server is behind this device');
      }
      assertPage(page.items, since, page.revision);
      if (page.hasMore && page.items.length === 0) throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.pull' });
      const last = page.items.at(-1)?.revision ?? since;
      // The next page downloads while this one is decrypted and checked.
      if (page.hasMore) request = fetchPage(last);
      // The root that vouches for the page comes with it (ADR 0023): no header request to judge it.
      // Taking it in (a new device fetches the whole tree) runs while the page is decrypted; the
      // page is judged once it is in.
      const offered = page.manifest !== undefined ? run.book.offer(page.manifest) : early;
      offered.catch(() => undefined);
      listAheadOnce(offered);
      if (listed) {
        // A full listing moves the cursor only at its end, once checked. Its pages are opened in
        // turn as they come — also while the manifest tree is still coming in, which a new device
        // fetches whole — and judged and written in page order behind them: a page is judged once
        // the tree is in and the page before has been, and written once that one's write is in.
        for (const item of page.items) listed.add(item.id);
        const opened = snapshot.then(async (entries) => {
          const result = await openIncoming(run, page.items, startBases!, entries);
          missed += result.opened.size - result.fromSnapshot;
          return result;
        });
        opened.catch(() => undefined);
        const more = page.hasMore;
        judging = judging.then(async () => {
          const classified = await judgePage(run, await opened, offered);
          if (untouched) {
            if (isEmpty(classified) || stopped) return;
            deferred ||= classified.verified.length > 0;
            const index = deferred && !more ? 'complete' : 'defer';
            completed = index === 'complete';
            const write = apply(classified, undefined, index);
            write.catch(() => (stopped = true));
            pipelined.push(write);
            return;
          }
          if (!isEmpty(classified)) pending = pending ? joinClassified(pending, classified) : classified;
          if (!more && pending) pendingHasLast = true;
          if (pending && !writer.busy && !stopped) {
            writer.done = writeJudged();
            writer.done.catch(() => undefined);
          }
        });
        judging.catch(() => (stopped = true));
        // The next page is opened once this one is; a judging or a write that failed stops the listing.
        await opened;
        if (stopped) await writing();
      } else {
        let classified: Classified;
        try {
          classified = await classifyPage(run, page.items, offered);
        } finally {
          await offered.catch(() => undefined);
        }
        await apply(classified, page.hasMore ? last : Math.max(last, page.revision), 'seal');
      }
      accountRevision = page.revision;
      if (!page.hasMore) break;
      since = last;
    }
    await writing();
  } catch (error) {
    // The pages already written get their stored index (best effort: after a lock, the next load
    // rebuilds it from the rows).
    await writing().catch(() => undefined);
    await endAhead().catch(() => undefined);
    if (deferred) await run.items.persistIndex().catch(() => undefined);
    throw error;
  }
  await endAhead();
  if (deferred && !completed) await run.items.persistIndex();
  if (listed) await checkListing(run, { listed, revision: accountRevision });
  if (fresh) await addSnapshotDebt(run, missed, { reset: true });
  return outcome;
}

/**
 * Classifies incoming versions against this device's bases, read now, and reports what is refused;
 * judging waits for `ready` (the page's root being taken in).
 */
async function classifyPage(run: SyncRun, items: readonly ServerItem[], ready?: Promise<void>): Promise<Classified> {
  return reportRefused(run, await classifyIncoming(run, items, await run.bases.get(items.map((i) => i.id)), ready));
}

/** Judges an opened page once the manifest is taken in (`ready`), and reports what is refused. */
async function judgePage(run: SyncRun, opened: OpenedIncoming, ready: Promise<void>): Promise<Classified> {
  await ready;
  return reportRefused(run, await judgeOpened(run, opened));
}

async function reportRefused(run: SyncRun, classified: Classified): Promise<Classified> {
  for (const { server, kind } of classified.rejected) await run.reports.add(kind, { itemId: server.id, revision: server.revision });
  return classified;
}

/** Two pages' classifications as one (a listing names each item once: no id is in both). */
function joinClassified(a: Classified, b: Classified): Classified {
  return {
    verified: [...a.verified, ...b.verified],
    held: [...a.held, ...b.held],
    rejected: [...a.rejected, ...b.rejected],
    echoes: [...a.echoes, ...b.echoes],
  };
}

/** Nothing to write: no item to apply, hold or settle (the empty last page of a listing). */
function isEmpty(classified: Classified): boolean {
  return !classified.verified.length && !classified.held.length && !classified.rejected.length && !classified.echoes.length;
}

/** Applies and holds what was classified, in one write (with the cursor, after a page). */
async function applyClassified(
  run: SyncRun,
  classified: Classified,
  options: { cursor?: number | undefined; index?: IndexWrite; untouched?: boolean },
): Promise<{ applied: number; held: number; rejected: number }> {
  const release = [...classified.echoes, ...classified.rejected.map((r) => r.server.id)];
  const extras = {
    hold: classified.held,
    release,
    ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
    ...(options.index ? { index: options.index } : {}),
    ...(options.untouched ? { untouched: true } : {}),
  };
  const applied = await applyVerified(run, classified.verified, extras);
  return { applied: applied.applied, held: classified.held.length, rejected: classified.rejected.length };
}

/** Whether this device holds nothing a listing's items could meet: no items, outbox, conflicts, held or queued changes. */
async function isUntouched(run: SyncRun): Promise<boolean> {
  const { db } = run;
  const [items, outbox, conflicts, held, queued] = await Promise.all([
    db.items.count(),
    db.outbox.count(),
    db.conflicts.count(),
    db.syncHeld.count(),
    run.state.get('queuedAll'),
  ]);
  return items === 0 && outbox === 0 && conflicts === 0 && held === 0 && queued === undefined;
}

/** Classifies incoming versions, reports what is refused, applies and holds the rest in one write. */
export async function processIncoming(
  run: SyncRun,
  items: readonly ServerItem[],
  options: { cursor?: number },
): Promise<{ applied: number; held: number; rejected: number }> {
  return applyClassified(run, await classifyPage(run, items), options);
}
