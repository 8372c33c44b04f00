// Brings verified remote versions into the vault. Without a local change pending, the remote version
// is taken as it is (its envelopes stored verbatim: nothing to re-encrypt). With one pending, the
// item is merged three-way against the last synced version (@keyhold/shared/sync/merge): different
// fields merge silently, the same field keeps both values and marks the item conflicted, an edit
// beats a deletion. The remote version becomes the new base; a merge result that differs from it
// stays in the outbox to be pushed. Everything — rows, overview index, bases, outbox, conflicts,
// cursor — commits in one transaction through the item service, serialised with local writes.
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { Item } from '@keyhold/shared/items/item';
import { jsonEqual } from '@keyhold/shared/items/json';
import { isTombstone, mergeItem, type ItemVersion, type Tombstone } from '@keyhold/shared/sync/merge';
import { openConflictsOf } from '@keyhold/shared/sync/merge-conflicts';
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import type { ConflictRow, OutboxRow, SyncBaseRow, SyncHeldRow } from './sync-db';
import type { RemoteChanges } from '../vault/item-service';
import type { IndexWrite } from '../vault/item-writes';
import type { Verified } from './classify-incoming';
import { baseEnvelopes } from './base-envelopes';
import { itemFromParts, openSealedItem } from './open-remote';
import { sealItemRow } from '../vault/item-codec';
import { syncTables, type SyncRun } from './sync-run';

export type ApplyExtras = {
  /** The cursor to store with this write (after a pull page). */
  cursor?: number;
  /** Changes to hold back, written with this transaction. */
  hold?: readonly ServerItem[];
  /** Held changes that are settled (refused, or already here), dropped with this transaction. */
  release?: readonly string[];
  /** 'defer': a page of a bulk download; the caller stores the overview index at its end (vault/item-writes.ts). */
  index?: IndexWrite;
  /**
   * A page of a full listing that began with no items, outbox, conflicts, held changes or queued
   * items on this device: none of those can concern the page's items (a listing names each item
   * once; a local item made meanwhile has an id of its own), so nothing is read — and the write may
   * be pipelined behind the previous page's (vault/item-writes.ts), since no read waits for its commit.
   */
  untouched?: boolean;
};

export type ApplyOutcome = { applied: number; merged: number; conflicted: number };

/** The base a server version becomes; `inRow`: its envelopes are what the item row now holds. */
export function baseFromServer(item: ServerItem, options: { inRow: boolean }): SyncBaseRow {
  if (item.deleted) return { id: item.id, revision: item.revision, deleted: true, envelopes: null };
  return { id: item.id, revision: item.revision, deleted: false, envelopes: options.inRow ? 'item-row' : item.envelopes };
}

const tombstone = (id: string, deletedAt: number): Tombstone => ({ id, deleted: true, deletedAt: Math.max(0, Math.floor(deletedAt)) });

/** The base as a merge input; an unreadable base is treated as none (two independent versions). */
function baseVersion(base: SyncBaseRow | undefined, local: SealedItem | undefined, keys: SyncRun['keys']): ItemVersion | null {
  if (base === undefined) return null;
  if (base.deleted) return tombstone(base.id, 0);
  const envelopes = baseEnvelopes(base, local);
  const opened = envelopes ? openSealedItem({ id: base.id, ...envelopes }, keys) : null;
  return opened?.ok ? opened.item : null;
}

const hasOpenConflicts = (item: Item): boolean => openConflictsOf(item).length > 0;

/** The incoming ids queued wholesale: no outbox row, a local row, no base — looked up only while the record exists. */
async function queuedAmong(run: SyncRun, ids: readonly string[], pending: ReadonlyMap<string, OutboxRow>): Promise<OutboxRow[]> {
  const queued = await run.state.get('queuedAll');
  if (!queued) return [];
  const rest = ids.filter((id) => !pending.has(id));
  const [keys, bases] = await Promise.all([run.db.items.bulkGet(rest), run.bases.get(rest)]);
  return rest.filter((id, i) => keys[i] !== undefined && !bases.has(id)).map((id) => ({ id, version: queued.version, deletedAt: null }));
}

export async function applyVerified(run: SyncRun, verified: readonly Verified[], extras: ApplyExtras = {}): Promise<ApplyOutcome> {
  const { db } = run;
  // Nothing to write (an empty pull, a listing's empty last page): no transaction, and no read of
  // the outbox — which holds every item while a sign-up's first sync has not pushed them yet.
  if (verified.length === 0 && !extras.hold?.length && !extras.release?.length && extras.cursor === undefined) {
    return { applied: 0, merged: 0, conflicted: 0 };
  }
  const untouched = extras.untouched === true && !extras.release?.length;
  return run.items.applyRemote(
    async () => {
      const ids = verified.map((v) => v.server.id);
      // Only items with a local change pending need their row and base: the rest is taken as served.
      // The outbox is small; reading it whole is one request where 10,000 lookups would be 10,000.
      const incoming = new Set(ids);
      // An untouched listing's page reads nothing (see ApplyExtras): nothing here concerns its items.
      const outbox = ids.length > 0 && !untouched ? await db.outbox.toArray() : [];
      const pending = new Map(outbox.filter((row) => incoming.has(row.id)).map((row) => [row.id, row] as const));
      // Items queued wholesale (queued-all.ts: after a sign-up or a log-in with items already here) are
      // local changes too, until their first push or merge gives them a base.
      if (!untouched) for (const row of await queuedAmong(run, ids, pending)) pending.set(row.id, row);
      const mergeIds = [...pending.keys()];
      const [localRows, bases, marked, heldIds] = untouched
        ? [[], new Map<string, SyncBaseRow>(), [], []]
        : await Promise.all([
            db.items.bulkGet(mergeIds),
            run.bases.get(mergeIds),
            db.conflicts.toCollection().primaryKeys(),
            db.syncHeld.toCollection().primaryKeys(),
          ]);
      const locals = new Map(localRows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
      const now = run.now();
      const put: RemoteChanges['put'] = [];
      const remove: string[] = [];
      const outboxPut: OutboxRow[] = [];
      const outboxDelete: string[] = [];
      const conflicted = new Map<string, boolean>();
      /** Ids whose row is written exactly as served (their base is stored as the 'item-row' marker). */
      const verbatim = new Set<string>();
      const outcome: ApplyOutcome = { applied: verified.length, merged: 0, conflicted: 0 };

      for (const { server, opened } of verified) {
        const change = pending.get(server.id);
        const local = locals.get(server.id);
        const localOpened = local ? openSealedItem(local, run.keys) : null;
        const remoteItem =
          opened && change !== undefined && !server.deleted ? itemFromParts(opened, { id: server.id, ...server.envelopes }, run.keys) : null;
        // No local change — or one that cannot be merged (a damaged local row, or a remote item in
        // a shape this version cannot parse): the server's version is taken as served.
        if (change === undefined || (localOpened !== null && !localOpened.ok) || (opened !== null && remoteItem === null)) {
          if (change !== undefined) outboxDelete.push(server.id);
          if (server.deleted || opened === null) {
            remove.push(server.id);
            conflicted.set(server.id, false);
          } else {
            put.push({ row: { id: server.id, ...server.envelopes }, overview: opened.overview });
            verbatim.add(server.id);
            conflicted.set(server.id, opened.hasOpenConflicts);
          }
          continue;
        }
        outcome.merged += 1;
        const localVersion: ItemVersion = localOpened?.ok ? localOpened.item : tombstone(server.id, change.deletedAt ?? now);
        const remoteVersion: ItemVersion = remoteItem ?? tombstone(server.id, server.updatedAt);
        const result = mergeItem({ base: baseVersion(bases.get(server.id), local, run.keys), local: localVersion, remote: remoteVersion, now });
        if (isTombstone(result.merged)) {
          if (local) remove.push(server.id);
          // Deleted on both sides: nothing left to push. Deleted here only: the deletion is pushed.
          if (server.deleted) outboxDelete.push(server.id);
          conflicted.set(server.id, false);
          continue;
        }
        const merged = result.merged;
        if (result.status === 'conflict') outcome.conflicted += 1;
        if (remoteItem !== null && !server.deleted && jsonEqual(merged, remoteItem)) {
          put.push({ row: { id: server.id, ...server.envelopes }, overview: opened!.overview });
          verbatim.add(server.id);
          outboxDelete.push(server.id);
        } else {
          put.push(sealItemRow(merged, run.keys));
          outboxPut.push({ id: server.id, version: crypto.randomUUID(), deletedAt: null });
        }
        conflicted.set(server.id, hasOpenConflicts(merged));
      }

      const markedSet = new Set(marked);
      const conflictPut: ConflictRow[] = [...conflicted].filter(([, open]) => open).map(([id]) => ({ id, detectedAt: now }));
      const conflictDelete = [...conflicted].filter(([id, open]) => !open && markedSet.has(id)).map(([id]) => id);
      const heldSet = new Set(heldIds);
      const release = [...ids, ...(extras.release ?? [])].filter((id) => heldSet.has(id));
      const held: SyncHeldRow[] = (extras.hold ?? []).map((item) => ({ id: item.id, item, firstSeenAt: now, reported: false }));
      const changes: RemoteChanges = {
        put,
        remove,
        index: extras.index ?? 'seal',
        tables: syncTables(db),
        async write() {
          await run.bases.put(verified.map((v) => baseFromServer(v.server, { inRow: verbatim.has(v.server.id) })));
          if (release.length) await db.syncHeld.bulkDelete(release);
          if (held.length) await putHeld(run, held);
          if (outboxPut.length) await db.outbox.bulkPut(outboxPut);
          if (outboxDelete.length) await db.outbox.bulkDelete(outboxDelete);
          if (conflictPut.length) await db.conflicts.bulkPut(conflictPut);
          if (conflictDelete.length) await db.conflicts.bulkDelete(conflictDelete);
          if (extras.cursor !== undefined) await advanceCursor(run, extras.cursor);
        },
      };
      return { changes, result: outcome };
    },
    // The last page ('complete') too: it seals the index while the pages before it commit.
    { pipelined: untouched && (extras.index === 'defer' || extras.index === 'complete') },
  );
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
