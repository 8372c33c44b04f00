// Brings verified remote versions into the vault. Without a local change pending, the remote version
// is taken as it is (its envelopes stored verbatim: nothing to re-encrypt). With one pending, the
// item is merged three-way against the last synced version (@keyhold/shared/sync/merge): different
// fields merge silently, the same field keeps both values and marks the item conflicted, an edit
// beats a deletion. The remote version becomes the new base; a merge result that differs from it
// stays in the outbox to be pushed. Everything — rows, overview index, bases, outbox, conflicts,
// cursor — commits in one transaction through the item service, serialised with local writes.
import { sealItem, type SealedItem } from '@keyhold/shared/crypto/seal-item';
import { encodeItemPart } from '@keyhold/shared/items/encode-part';
import { splitItem } from '@keyhold/shared/items/split-item';
import type { Item, Overview } from '@keyhold/shared/items/item';
import { jsonEqual } from '@keyhold/shared/items/json';
import { isTombstone, mergeItem, type ItemVersion, type Tombstone } from '@keyhold/shared/sync/merge';
import { openConflictsOf } from '@keyhold/shared/sync/merge-conflicts';
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import type { ConflictRow, OutboxRow, SyncBaseRow, SyncHeldRow } from '../vault/db';
import type { RemoteChanges } from '../vault/item-service';
import type { Verified } from './classify-incoming';
import { openSealedItem } from './open-remote';
import { syncTables, type SyncRun } from './sync-run';

export type ApplyExtras = {
  /** The cursor to store with this write (after a pull page). */
  cursor?: number;
  /** Changes to hold back, written with this transaction. */
  hold?: readonly ServerItem[];
  /** Held changes that are settled (refused, or already here), dropped with this transaction. */
  release?: readonly string[];
};

export type ApplyOutcome = { applied: number; merged: number; conflicted: number };

export function baseFromServer(item: ServerItem): SyncBaseRow {
  return item.deleted
    ? { id: item.id, revision: item.revision, deleted: true, envelopes: null }
    : { id: item.id, revision: item.revision, deleted: false, envelopes: item.envelopes };
}

const tombstone = (id: string, deletedAt: number): Tombstone => ({ id, deleted: true, deletedAt: Math.max(0, Math.floor(deletedAt)) });

/** The base as a merge input; an unreadable base is treated as none (two independent versions). */
function baseVersion(base: SyncBaseRow | undefined, keys: SyncRun['keys']): ItemVersion | null {
  if (base === undefined) return null;
  if (base.deleted) return tombstone(base.id, 0);
  const opened = openSealedItem({ id: base.id, ...base.envelopes }, keys);
  return opened.ok ? opened.item : null;
}

function sealMerged(item: Item, keys: SyncRun['keys']): { row: SealedItem; overview: Overview } {
  const { overview, details } = splitItem(item);
  const row = sealItem({
    vaultKey: keys.vaultKey,
    accountId: keys.accountId,
    itemId: item.id,
    overview: encodeItemPart(overview, { kind: 'overview' }),
    details: encodeItemPart(details, { kind: 'details' }),
  });
  return { row, overview };
}

const hasOpenConflicts = (item: Item): boolean => openConflictsOf(item).length > 0;

export async function applyVerified(run: SyncRun, verified: readonly Verified[], extras: ApplyExtras = {}): Promise<ApplyOutcome> {
  const { db } = run;
  return run.items.applyRemote(async () => {
    const ids = verified.map((v) => v.server.id);
    const [rows, pending, bases] = await Promise.all([db.items.bulkGet(ids), db.outbox.bulkGet(ids), db.syncBase.bulkGet(ids)]);
    const now = run.now();
    const put: RemoteChanges['put'] = [];
    const remove: string[] = [];
    const outboxPut: OutboxRow[] = [];
    const outboxDelete: string[] = [];
    const conflictPut: ConflictRow[] = [];
    const conflictDelete: string[] = [];
    const outcome: ApplyOutcome = { applied: verified.length, merged: 0, conflicted: 0 };

    const markConflicts = (id: string, item: Item | null) => {
      if (item !== null && hasOpenConflicts(item)) conflictPut.push({ id, detectedAt: now });
      else conflictDelete.push(id);
    };

    verified.forEach((v, i) => {
      const { server } = v;
      const local = rows[i];
      const change = pending[i];
      const localOpened = local ? openSealedItem(local, run.keys) : null;
      // No local change (or a local row too damaged to merge): the remote version is taken as is.
      if (change === undefined || (localOpened !== null && !localOpened.ok)) {
        if (change !== undefined) outboxDelete.push(server.id);
        if (server.deleted) {
          if (local) remove.push(server.id);
          markConflicts(server.id, null);
        } else {
          put.push({ row: { id: server.id, ...server.envelopes }, overview: v.opened!.overview });
          markConflicts(server.id, v.opened!.item);
        }
        return;
      }
      outcome.merged += 1;
      const localVersion: ItemVersion = localOpened?.ok ? localOpened.item : tombstone(server.id, change.deletedAt ?? now);
      const remoteVersion: ItemVersion = server.deleted ? tombstone(server.id, server.updatedAt) : v.opened!.item;
      const result = mergeItem({ base: baseVersion(bases[i], run.keys), local: localVersion, remote: remoteVersion, now });
      if (isTombstone(result.merged)) {
        if (local) remove.push(server.id);
        // Deleted on both sides: nothing left to push. Deleted here only: the deletion is pushed.
        if (server.deleted) outboxDelete.push(server.id);
        markConflicts(server.id, null);
        return;
      }
      const merged = result.merged;
      if (result.status === 'conflict') outcome.conflicted += 1;
      if (!server.deleted && jsonEqual(merged, v.opened!.item)) {
        put.push({ row: { id: server.id, ...server.envelopes }, overview: v.opened!.overview });
        outboxDelete.push(server.id);
      } else {
        put.push(sealMerged(merged, run.keys));
        outboxPut.push({ id: server.id, version: crypto.randomUUID(), deletedAt: null });
      }
      markConflicts(server.id, merged);
    });

    const held: SyncHeldRow[] = (extras.hold ?? []).map((item) => ({ id: item.id, item, firstSeenAt: now, reported: false }));
    const changes: RemoteChanges = {
      put,
      remove,
      tables: syncTables(db),
      async write() {
        await db.syncBase.bulkPut(verified.map((v) => baseFromServer(v.server)));
        await db.syncHeld.bulkDelete([...ids, ...(extras.release ?? [])]);
        if (held.length) await putHeld(run, held);
        if (outboxPut.length) await db.outbox.bulkPut(outboxPut);
        if (outboxDelete.length) await db.outbox.bulkDelete(outboxDelete);
        if (conflictPut.length) await db.conflicts.bulkPut(conflictPut);
        if (conflictDelete.length) await db.conflicts.bulkDelete(conflictDelete);
        if (extras.cursor !== undefined) await advanceCursor(run, extras.cursor);
      },
    };
    return { changes, result: outcome };
  });
}

/** Held rows keep the time they were first seen, so the "unconfirmed" report waits its grace. */
async function putHeld(run: SyncRun, rows: readonly SyncHeldRow[]): Promise<void> {
  const existing = await run.db.syncHeld.bulkGet(rows.map((r) => r.id));
  await run.db.syncHeld.bulkPut(
    rows.map((row, i) => {
      const seen = existing[i];
      return seen && seen.item.revision === row.item.revision ? seen : row;
    }),
  );
}

/** Moves the cursor forward only: a page never takes it back. */
export async function advanceCursor(run: SyncRun, cursor: number): Promise<void> {
  const progress = await run.state.get('progress');
  if (progress && cursor > progress.cursor) await run.state.put('progress', { ...progress, cursor });
}
