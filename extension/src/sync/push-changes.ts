// Push: the outbox, in batches the server accepts (≤ 500 items, well under its 10 MiB body limit),
// each item based on the revision of its last synced version (compare-and-swap on the server).
// Accepted writes become the new bases and are owed to the manifest, in one transaction that also
// clears their outbox entries — unless the item was written again meanwhile. Conflicts carry the
// server's current version, which goes through the same checks as a pull before it is merged; the
// merged result stays queued for the next round. The next batch is sent while one is recorded.
import { MAX_PUSH_ITEMS } from '@keyhold/shared/sync/protocol-primitives';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import type { PushItem, PushOutput, ServerItem } from '@keyhold/shared/sync/protocol';
import type { OutboxRow, SyncBaseRow } from './sync-db';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { baseFromServer } from './apply-verified';
import { bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { envelopeDigests } from '@keyhold/shared/sync/envelope-digests';
import { MAX_MANIFEST_REVISION } from './manifest';
import { processIncoming } from './pull-changes';
import { queuedWithoutRows, settleQueuedAll } from './queued-all';
import { addOwed } from './owed';
import { dropSent, journalSent, readSent } from './sent-journal';
import { ServerError } from './server-client';
import type { ManifestEntryRecord, SentChunkKey } from './state-records';
import type { SyncRun } from './sync-run';

/** Push requests in flight beside the answers being recorded. */
export const PUSHES_IN_FLIGHT = 3;

/** From this many queued items, the item table is read whole rather than item by item. */
const BULK_READ_FROM = 1000;

/** Envelope characters per push request; the server reads bodies up to 10 MiB. */
const MAX_PUSH_CHARS = 6 * 1024 * 1024;

export type PushOutcome = { pushed: number; accepted: number; conflicts: number };

/** `wholesale`: queued by the 'queuedAll' record (queued-all.ts), not by an outbox row of its own. */
type Planned = { item: PushItem; version: string; wholesale: boolean };
/** A batch's answer, the digests of what it sent (by item id; null for a deletion) and its journal chunk. */
type Sent = { answer: PushOutput; digests: Map<string, Uint8Array | null>; journal: SentChunkKey | null };
type Answered = { batch: readonly Planned[] } & Sent;

function sizeOf(item: PushItem): number {
  return item.deleted ? 64 : item.envelopes.key.length + item.envelopes.overview.length + item.envelopes.details.length + 64;
}

/** An item queued to push, before its row is read: what it is based on, and what queued it. */
type Entry = { id: string; baseRevision: number; baseLive: boolean; version: string; wholesale: boolean };

/**
 * What is queued to push, in item-id order. An item whose server version is held (unconfirmed)
 * waits while that version may still be vouched for; once it has been reported, this device's
 * version replaces it (based on the held revision), so a forged or replayed server version cannot
 * keep local edits from syncing forever. The rows are read batch by batch as the push goes
 * (BatchSource): a sign-up's first batch leaves without waiting for the whole vault to be read.
 */
async function plan(run: SyncRun): Promise<Entry[]> {
  const { db } = run;
  const held = await db.syncHeld.toArray();
  const waiting = new Set(held.filter((row) => !row.reported).map((row) => row.id));
  const replacing = new Map(held.filter((row) => row.reported).map((row) => [row.id, row.item.revision]));
  const rows = await db.outbox.toArray();
  const wholesale = await queuedWithoutRows(db, run.state, run.bases);
  const outbox = [...rows, ...wholesale].filter((entry: OutboxRow) => !waiting.has(entry.id));
  const fromRecord = new Set(wholesale.map((entry) => entry.id));
  const bases = await run.bases.get(outbox.map((entry) => entry.id));
  return outbox
    .map((entry): Entry => {
      const base = bases.get(entry.id);
      return {
        id: entry.id,
        baseRevision: replacing.get(entry.id) ?? base?.revision ?? 0,
        baseLive: base !== undefined && !base.deleted,
        version: entry.version,
        wholesale: fromRecord.has(entry.id),
      };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/**
 * The batches of a push, planned as they are sent: each group of queued items has its rows read
 * (the next group is read while this one's batches go), becomes what to push — the row's envelopes;
 * a deletion when the row is gone and the server has the item; nothing, its outbox row dropped,
 * when the server never had it — and is cut into batches the server accepts.
 */
class BatchSource {
  private at = 0;
  private readonly ready: Planned[][] = [];
  private ahead: Promise<Planned[][]> | null = null;
  /** Items handed out to push so far. */
  pushed = 0;

  constructor(
    private readonly run: SyncRun,
    private readonly entries: readonly Entry[],
    /** Read each group as one key range (readByRange). */
    private readonly byRange: boolean,
  ) {}

  /** The next batch to send; null once every queued item has been planned. */
  async next(): Promise<Planned[] | null> {
    while (this.ready.length === 0) {
      if (this.ahead === null && this.at >= this.entries.length) return null;
      const group = this.ahead ?? this.readGroup();
      this.ahead = null;
      this.ready.push(...(await group));
      if (this.at < this.entries.length) {
        this.ahead = this.readGroup();
        // Awaited by the next call; a run that stops before then does not need it.
        this.ahead.catch(() => undefined);
      }
    }
    const batch = this.ready.shift()!;
    this.pushed += batch.length;
    return batch;
  }

  private async readGroup(): Promise<Planned[][]> {
    const group = this.entries.slice(this.at, this.at + MAX_PUSH_ITEMS);
    this.at += group.length;
    const rows = await this.readRows(group.map((entry) => entry.id));
    const planned: Planned[] = [];
    const drop: string[] = [];
    group.forEach((entry, i) => {
      const row = rows[i];
      const queued = { version: entry.version, wholesale: entry.wholesale };
      if (row) {
        const envelopes = { key: row.key, overview: row.overview, details: row.details };
        planned.push({ item: { id: row.id, baseRevision: entry.baseRevision, deleted: false, envelopes }, ...queued });
      } else if (entry.baseLive) {
        planned.push({ item: { id: entry.id, baseRevision: entry.baseRevision, deleted: true, envelopes: null }, ...queued });
      } else {
        // Created and deleted before it ever reached the server, or already deleted there.
        drop.push(entry.id);
      }
    });
    if (drop.length) await this.run.db.outbox.bulkDelete(drop);
    return batches(planned);
  }

  private async readRows(ids: readonly string[]): Promise<(SealedItem | undefined)[]> {
    if (ids.length === 0) return [];
    if (!this.byRange) return this.run.db.items.bulkGet([...ids]);
    // One request for the group's key range (ids in order) instead of a lookup per item.
    const inRange = await this.run.db.items.where(':id').between(ids[0]!, ids.at(-1)!, true, true).toArray();
    const byId = new Map(inRange.map((row) => [row.id, row] as const));
    return ids.map((id) => byId.get(id));
  }
}

/**
 * Whether to read the queue by key ranges: it is large and most of the vault (a sign-up, a large
 * import), so a range holds few rows that are not queued; otherwise a lookup per item costs less.
 */
async function readByRange(run: SyncRun, entries: readonly Entry[]): Promise<boolean> {
  return entries.length >= BULK_READ_FROM && entries.length * 2 >= (await run.db.items.count());
}

function batches(planned: readonly Planned[]): Planned[][] {
  const out: Planned[][] = [];
  let current: Planned[] = [];
  let chars = 0;
  for (const p of planned) {
    const size = sizeOf(p.item);
    if (current.length > 0 && (current.length >= MAX_PUSH_ITEMS || chars + size > MAX_PUSH_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(p);
    chars += size;
  }
  if (current.length) out.push(current);
  return out;
}

/** The server must answer every pushed item exactly once, with fresh revisions. */
function assertAnswer(batch: readonly Planned[], answer: PushOutput): void {
  const sent = new Map(batch.map((p) => [p.item.id, p.item]));
  const seen = new Set<string>();
  const revisions = new Set<number>();
  for (const { id, revision } of answer.accepted) {
    const item = sent.get(id);
    if (
      !item ||
      seen.has(id) ||
      revisions.has(revision) ||
      revision <= item.baseRevision ||
      revision > answer.revision ||
      revision > MAX_MANIFEST_REVISION
    ) {
      throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.push' });
    }
    seen.add(id);
    revisions.add(revision);
  }
  for (const { id, current } of answer.conflicts) {
    const item = sent.get(id);
    // A conflict means the stored revision differs from the base: "missing" for a base of 0, or
    // the very base revision, would be the server contradicting itself.
    const contradicts = current === null ? item?.baseRevision === 0 : current.id !== id || current.revision === item?.baseRevision;
    if (!item || seen.has(id) || contradicts) throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.push' });
    seen.add(id);
  }
  if (seen.size !== sent.size) throw new ServerError({ kind: 'invalid-answer', procedure: 'sync.push' });
}

/** Records the answers to several batches in one transaction (answers that came in while the one before was recorded). */
async function recordAccepted(run: SyncRun, answered: readonly Answered[]): Promise<void> {
  const { db } = run;
  const now = run.now();
  const accepted = answered.flatMap(({ batch, answer, digests }) => {
    const sent = new Map(batch.map((p) => [p.item.id, p]));
    return answer.accepted.map(({ id, revision }) => ({ planned: sent.get(id)!, revision, digest: digests.get(id) ?? null }));
  });
  const top = Math.max(...answered.map(({ answer }) => answer.revision));
  // Owed with the digest of exactly what the server accepted (computed when the batch was sent): a
  // device then refuses any other content under this revision (ADR 0023).
  const owed: ManifestEntryRecord[] = accepted.map(({ planned, revision, digest }) => ({
    id: planned.item.id,
    revision,
    deleted: planned.item.deleted,
    digest: digest ? bytesToBase64url(digest) : null,
  }));
  await db.transaction('rw', [db.baseBuckets, db.outbox, db.syncState, db.syncHeld], async () => {
    const entries = await outboxRowsOf(
      run,
      accepted.map((a) => a.planned.item.id),
    );
    // Unchanged since it was planned (the same outbox version; for an item queued wholesale, still
    // no outbox row): the row holds what the server accepted.
    const unchanged = (a: (typeof accepted)[number], i: number) =>
      a.planned.wholesale ? entries[i] === undefined : entries[i]?.version === a.planned.version;
    const settled = new Set(accepted.filter(unchanged).map((a) => a.planned.item.id));
    const bases: SyncBaseRow[] = accepted.map(({ planned, revision }) => {
      const server: ServerItem = planned.item.deleted
        ? { id: planned.item.id, revision, deleted: true, envelopes: null, updatedAt: now }
        : { id: planned.item.id, revision, deleted: false, envelopes: planned.item.envelopes, updatedAt: now };
      return baseFromServer(server, { inRow: settled.has(server.id) });
    });
    // The writes below touch different records: they go to the database together, not one round trip each.
    await Promise.all([
      run.bases.put(bases),
      db.outbox.bulkDelete(accepted.filter((a) => settled.has(a.planned.item.id) && !a.planned.wholesale).map((a) => a.planned.item.id)),
      // A held server version this write replaced is settled (the table is nearly always empty: only its rows are deleted).
      (async () => {
        const held = new Set(await db.syncHeld.toCollection().primaryKeys());
        const settledHeld = accepted.map((a) => a.planned.item.id).filter((id) => held.has(id));
        if (settledHeld.length) await db.syncHeld.bulkDelete(settledHeld);
      })(),
      addOwed(run.state, owed),
      // Recorded: what these batches sent needs no journal any more.
      dropSent(
        db,
        answered.map((a) => a.journal),
      ),
      (async () => {
        // If nobody else wrote in between, this device now knows the account up to the new revision.
        const progress = await run.state.get('progress');
        const revisions = accepted.map((a) => a.revision).sort((a, b) => a - b);
        if (progress && revisions.length > 0 && revisions[0] === progress.cursor + 1 && top === progress.cursor + revisions.length) {
          await run.state.put('progress', { ...progress, cursor: top });
        }
      })(),
    ]);
  });
}

/**
 * The outbox rows of `ids` (undefined where none): one request for the table's keys, then lookups
 * only for the ids that have a row — none while a sign-up's items, queued wholesale, are pushed.
 */
async function outboxRowsOf(run: SyncRun, ids: readonly string[]): Promise<(OutboxRow | undefined)[]> {
  const present = new Set(await run.db.outbox.toCollection().primaryKeys());
  const found = ids.filter((id) => present.has(id));
  const rows = new Map((await run.db.outbox.bulkGet(found)).flatMap((row) => (row ? [[row.id, row] as const] : [])));
  return ids.map((id) => rows.get(id));
}

/** A conflict whose item the server no longer has at all. */
async function handleMissing(run: SyncRun, planned: Planned): Promise<void> {
  const base = (await run.bases.get([planned.item.id])).get(planned.item.id);
  if (base && !base.deleted) await run.reports.add('vanished', { itemId: base.id, revision: base.revision });
  // Either way the next push starts from "does not exist" (base revision 0).
  if (base) await run.bases.delete([base.id]);
}

/**
 * Held server versions that are this device's own queued writes, recorded as accepted. A push whose
 * answer never came back (the worker stopped between the server's acceptance and the record, or the
 * answer was lost) leaves the write on the server, unvouched: the next pull holds it, and it would
 * wait there — its item kept from pushing — until reported as unconfirmed. A held version is this
 * device's own when the item is still queued here and either the server holds exactly its row (the
 * same envelopes, sealed under fresh nonces only this device had; for a deletion, a deletion queued
 * here) — then it gets its base and leaves the outbox — or it is what a batch journaled as sent
 * (sent-journal.ts) while the row was edited since: then it becomes the base, kept apart from the
 * row, and the edit stays queued on top of it. Either way it is owed to the manifest like any
 * accepted write. The journal of the runs before is dropped once judged.
 */
async function settleOwnHeld(run: SyncRun): Promise<number> {
  const { db } = run;
  const [held, sent] = await Promise.all([db.syncHeld.toArray(), readSent(db)]);
  if (held.length === 0) {
    await dropSent(db, sent.keys);
    return 0;
  }
  const ids = held.map((row) => row.id);
  const [rows, entries, bases, served] = await Promise.all([
    db.items.bulkGet(ids),
    db.outbox.bulkGet(ids),
    run.bases.get(ids),
    envelopeDigests(held.map((row) => (row.item.deleted ? null : row.item.envelopes))),
  ]);
  /** A version whose envelopes a batch of this device journaled as sent. */
  const wasSent = (id: string, digest: Uint8Array | null | undefined): boolean =>
    digest !== null && digest !== undefined && (sent.digests.get(id)?.has(bytesToBase64url(digest)) ?? false);
  const own = (at: number): boolean => {
    const { item } = held[at]!;
    const base = bases.get(item.id);
    // Queued: an outbox row, or never synced (no base; a sign-up's items are queued without rows).
    const queued = entries[at] !== undefined || (base === undefined && rows[at] !== undefined);
    if (!queued || (base !== undefined && item.revision <= base.revision)) return false;
    return item.deleted ? rows[at] === undefined && entries[at]?.deletedAt != null : holds(rows[at], item) || wasSent(item.id, served[at]);
  };
  const mine = held.flatMap((row, at) => (own(at) ? [{ item: row.item, digest: served[at] ?? null }] : []));
  if (mine.length === 0) {
    await dropSent(db, sent.keys);
    return 0;
  }
  return db.transaction('rw', [db.items, db.baseBuckets, db.outbox, db.syncState, db.syncHeld], async () => {
    // Again inside the transaction: another held version means the item is not settled by this
    // one, and a local write meanwhile (the row changed) leaves it queued on top.
    const [nowHeld, nowRows] = await Promise.all([db.syncHeld.bulkGet(mine.map((m) => m.item.id)), db.items.bulkGet(mine.map((m) => m.item.id))]);
    const settled = mine.flatMap(({ item, digest }, i) => {
      if (nowHeld[i]?.item.revision !== item.revision) return [];
      const inRow = item.deleted ? nowRows[i] === undefined : holds(nowRows[i], item);
      // Not in the row: only a version this device journaled as sent is its own.
      return inRow || (!item.deleted && wasSent(item.id, digest)) ? [{ item, digest, inRow }] : [];
    });
    const owed: ManifestEntryRecord[] = settled.map(({ item, digest }) => ({
      id: item.id,
      revision: item.revision,
      deleted: item.deleted,
      digest: digest ? bytesToBase64url(digest) : null,
    }));
    await Promise.all([
      run.bases.put(settled.map(({ item, inRow }) => baseFromServer(item, { inRow }))),
      db.outbox.bulkDelete(settled.filter((s) => s.inRow).map((s) => s.item.id)),
      db.syncHeld.bulkDelete(settled.map((s) => s.item.id)),
      addOwed(run.state, owed),
      dropSent(db, sent.keys),
    ]);
    return settled.length;
  });
}

/** The item row holds exactly the envelopes of this live server version. */
function holds(row: SealedItem | undefined, item: Extract<ServerItem, { deleted: false }>): boolean {
  return row !== undefined && row.key === item.envelopes.key && row.overview === item.envelopes.overview && row.details === item.envelopes.details;
}

export async function pushChanges(run: SyncRun): Promise<PushOutcome> {
  // Counted as accepted: their manifest entries are owed, and written after this push.
  const own = await settleOwnHeld(run);
  const entries = await plan(run);
  const source = new BatchSource(run, entries, await readByRange(run, entries));
  const outcome: PushOutcome = { pushed: 0, accepted: own, conflicts: 0 };
  /** The batches sent so far, their answers (awaited in order), and which answers have come in (failed or not). */
  const list: Planned[][] = [];
  const inFlight: Promise<Sent>[] = [];
  const arrived: ('ok' | 'failed' | undefined)[] = [];
  const send = (batch: readonly Planned[], at: number) => {
    // Sync runs only while the vault is unlocked: a lock wipes this run's key, and from then on
    // nothing more is sent. The batches sent before are still recorded, in order, before the run
    // ends at this one.
    const answer = unlocked(run) ? journalThenPush(run, batch) : Promise.reject(new ZeroKeyError());
    // A batch sent ahead is awaited below, or after a failure (its failure is then not news).
    answer.then(
      () => (arrived[at] = 'ok'),
      () => (arrived[at] = 'failed'),
    );
    return answer;
  };
  /** Sends batches until `count` have been sent, or none is left. */
  const sendUpTo = async (count: number) => {
    while (inFlight.length < count) {
      const batch = await source.next();
      if (batch === null) return;
      list.push(batch);
      inFlight.push(send(batch, inFlight.length));
    }
  };
  // Batches are sent ahead while the one before is recorded: a large push (sign-up, an import) waits
  // for the server and the database at the same time, not in turn. Batches hold different items, so
  // a batch's answer does not depend on how the one before was recorded. Requests on two connections
  // may reach the server in either order: answers are recorded in the order sent, and the cursor
  // moves only over revisions known to follow it without a gap (recordAccepted).
  // Answers that came in while the ones before were recorded are recorded together, in one
  // transaction: the database's cost per transaction is paid once for several batches.
  try {
    await sendUpTo(PUSHES_IN_FLIGHT);
  } catch (error) {
    await settleSentAhead(run, { list, inFlight, from: 0 }, outcome);
    throw error;
  }
  let i = 0;
  while (i < inFlight.length) {
    // The batches from `i` up to `end` (exclusive) are being recorded.
    let end = i + 1;
    let sending: Promise<void> = Promise.resolve();
    try {
      const answered: Answered[] = [{ batch: list[i]!, ...(await inFlight[i]!) }];
      while (end < inFlight.length && arrived[end] === 'ok') answered.push({ batch: list[end]!, ...(await inFlight[end++]!) });
      // The next batches are read and sent while these answers are recorded.
      sending = sendUpTo(end + PUSHES_IN_FLIGHT);
      sending.catch(() => undefined);
      await settleAnswers(run, answered, outcome);
      await sending;
    } catch (error) {
      await sending.catch(() => undefined);
      await settleSentAhead(run, { list, inFlight, from: end }, outcome);
      throw error;
    }
    i = end;
  }
  outcome.pushed = source.pushed;
  // Every item queued wholesale that the server accepted now has a base: the record can go.
  await settleQueuedAll(run.db, run.state, run.bases);
  // Locked while the last answers came in: they are recorded, and the run ends here (its manifest
  // entries are written by the next run).
  if (!unlocked(run)) throw new ZeroKeyError();
  return outcome;
}

/**
 * What the server accepted in the batches sent from `from` on is recorded when that can be done, so
 * it is not pushed again as if new — also when an earlier answer never came (a network failure says
 * nothing about the requests sent beside it).
 */
async function settleSentAhead(
  run: SyncRun,
  sent: { list: readonly (readonly Planned[])[]; inFlight: readonly Promise<Sent>[]; from: number },
  outcome: PushOutcome,
): Promise<void> {
  for (let k = sent.from; k < sent.inFlight.length; k++) {
    const ahead = await sent.inFlight[k]!.catch(() => null);
    if (ahead) await settleAnswers(run, [{ batch: sent.list[k]!, ...ahead }], outcome).catch(() => undefined);
  }
}

/**
 * Sends a batch once what it sends is journaled (sent-journal.ts): if its answer never comes back,
 * the next run still knows the versions the server took as this device's own.
 */
async function journalThenPush(run: SyncRun, batch: readonly Planned[]): Promise<Sent> {
  const computed = await envelopeDigests(batch.map((p) => p.item.envelopes));
  const digests = new Map(batch.map((p, i) => [p.item.id, computed[i] ?? null]));
  const live = batch.flatMap((p) => {
    const digest = digests.get(p.item.id);
    return digest ? [{ id: p.item.id, digest: bytesToBase64url(digest) }] : [];
  });
  const journal = await journalSent(run.state, live);
  if (!unlocked(run)) {
    await dropSent(run.db, [journal]);
    throw new ZeroKeyError();
  }
  return { answer: await run.client.push({ items: batch.map((p) => p.item) }), digests, journal };
}

/** The run's key is still there (a lock wipes it: vault/session.ts). */
const unlocked = (run: SyncRun): boolean => run.keys.vaultKey.some((byte) => byte !== 0);

async function settleAnswers(run: SyncRun, answered: readonly Answered[], outcome: PushOutcome): Promise<void> {
  for (const { batch, answer } of answered) assertAnswer(batch, answer);
  await recordAccepted(run, answered);
  for (const { batch, answer } of answered) {
    outcome.accepted += answer.accepted.length;
    outcome.conflicts += answer.conflicts.length;
    const byId = new Map(batch.map((p) => [p.item.id, p]));
    const current = answer.conflicts.flatMap((c) => (c.current ? [c.current] : []));
    for (const missing of answer.conflicts.filter((c) => c.current === null)) await handleMissing(run, byId.get(missing.id)!);
    if (current.length) await processIncoming(run, current, {});
  }
}
