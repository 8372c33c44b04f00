// Push: the outbox, in batches the server accepts (≤ 500 items, well under its 10 MiB body limit),
// each item based on the revision of its last synced version (compare-and-swap on the server).
// Accepted writes become the new bases and are owed to the manifest, in one transaction that also
// clears their outbox entries — unless the item was written again meanwhile. Conflicts carry the
// server's current version, which goes through the same checks as a pull before it is merged; the
// merged result stays queued for the next round.
import { MAX_PUSH_ITEMS } from '@keyhold/shared/sync/protocol-primitives';
import type { PushItem, PushOutput, ServerItem } from '@keyhold/shared/sync/protocol';
import type { OutboxRow, SyncBaseRow } from './sync-db';
import { baseFromServer } from './apply-verified';
import { bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { envelopeDigest } from '@keyhold/shared/sync/manifest-tree';
import { MAX_MANIFEST_REVISION } from './manifest';
import { processIncoming } from './pull-changes';
import { ServerError } from './server-client';
import type { ManifestEntryRecord } from './state-records';
import type { SyncRun } from './sync-run';

/** Envelope characters per push request; the server reads bodies up to 10 MiB. */
const MAX_PUSH_CHARS = 6 * 1024 * 1024;

export type PushOutcome = { pushed: number; accepted: number; conflicts: number };

type Planned = { item: PushItem; version: string };

function sizeOf(item: PushItem): number {
  return item.deleted ? 64 : item.envelopes.key.length + item.envelopes.overview.length + item.envelopes.details.length + 64;
}

/**
 * What to push for each outbox entry; entries with nothing to tell the server are dropped. An item
 * whose server version is held (unconfirmed) waits while that version may still be vouched for;
 * once it has been reported, this device's version replaces it (based on the held revision), so a
 * forged or replayed server version cannot keep local edits from syncing forever.
 */
async function plan(run: SyncRun): Promise<{ planned: Planned[]; drop: string[] }> {
  const { db } = run;
  const held = await db.syncHeld.toArray();
  const waiting = new Set(held.filter((row) => !row.reported).map((row) => row.id));
  const replacing = new Map(held.filter((row) => row.reported).map((row) => [row.id, row.item.revision]));
  const outbox = (await db.outbox.toArray()).filter((entry: OutboxRow) => !waiting.has(entry.id));
  const ids = outbox.map((entry) => entry.id);
  const [rows, bases] = await Promise.all([db.items.bulkGet(ids), run.bases.get(ids)]);
  const planned: Planned[] = [];
  const drop: string[] = [];
  outbox.forEach((entry, i) => {
    const row = rows[i];
    const base = bases.get(entry.id);
    const baseRevision = replacing.get(entry.id) ?? base?.revision ?? 0;
    if (row) {
      const envelopes = { key: row.key, overview: row.overview, details: row.details };
      planned.push({ item: { id: row.id, baseRevision, deleted: false, envelopes }, version: entry.version });
    } else if (base && !base.deleted) {
      planned.push({ item: { id: entry.id, baseRevision, deleted: true, envelopes: null }, version: entry.version });
    } else {
      // Created and deleted before it ever reached the server, or already deleted there.
      drop.push(entry.id);
    }
  });
  return { planned, drop };
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

async function recordAccepted(run: SyncRun, batch: readonly Planned[], answer: PushOutput): Promise<void> {
  const { db } = run;
  const sent = new Map(batch.map((p) => [p.item.id, p]));
  const now = run.now();
  await db.transaction('rw', [db.baseBuckets, db.outbox, db.syncState, db.syncHeld], async () => {
    const accepted = answer.accepted.map(({ id, revision }) => ({ planned: sent.get(id)!, revision }));
    const entries = await db.outbox.bulkGet(accepted.map((a) => a.planned.item.id));
    // Unchanged since it was planned (same outbox version): the row holds what the server accepted.
    const settled = new Set(accepted.filter((a, i) => entries[i]?.version === a.planned.version).map((a) => a.planned.item.id));
    const bases: SyncBaseRow[] = accepted.map(({ planned, revision }) => {
      const server: ServerItem = planned.item.deleted
        ? { id: planned.item.id, revision, deleted: true, envelopes: null, updatedAt: now }
        : { id: planned.item.id, revision, deleted: false, envelopes: planned.item.envelopes, updatedAt: now };
      return baseFromServer(server, { inRow: settled.has(server.id) });
    });
    await run.bases.put(bases);
    await db.outbox.bulkDelete([...settled]);
    // A held server version this write replaced is settled.
    await db.syncHeld.bulkDelete(accepted.map((a) => a.planned.item.id));
    // Owed with the digest of exactly what the server accepted: a device then refuses any other content under this revision (ADR 0023).
    const owed: ManifestEntryRecord[] = accepted.map(({ planned, revision }) => ({
      id: planned.item.id,
      revision,
      deleted: planned.item.deleted,
      digest: planned.item.deleted ? null : bytesToBase64url(envelopeDigest(planned.item.envelopes)),
    }));
    await run.state.put('owed', [...((await run.state.get('owed')) ?? []), ...owed]);
    // If nobody else wrote in between, this device now knows the account up to the new revision.
    const progress = await run.state.get('progress');
    const revisions = accepted.map((a) => a.revision).sort((a, b) => a - b);
    if (progress && revisions.length > 0 && revisions[0] === progress.cursor + 1 && answer.revision === progress.cursor + revisions.length) {
      await run.state.put('progress', { ...progress, cursor: answer.revision });
    }
  });
}

/** A conflict whose item the server no longer has at all. */
async function handleMissing(run: SyncRun, planned: Planned): Promise<void> {
  const base = (await run.bases.get([planned.item.id])).get(planned.item.id);
  if (base && !base.deleted) await run.reports.add('vanished', { itemId: base.id, revision: base.revision });
  // Either way the next push starts from "does not exist" (base revision 0).
  if (base) await run.bases.delete([base.id]);
}

export async function pushChanges(run: SyncRun): Promise<PushOutcome> {
  const { planned, drop } = await plan(run);
  if (drop.length) await run.db.outbox.bulkDelete(drop);
  const outcome: PushOutcome = { pushed: planned.length, accepted: 0, conflicts: 0 };
  for (const batch of batches(planned)) {
    const answer = await run.client.push({ items: batch.map((p) => p.item) });
    assertAnswer(batch, answer);
    await recordAccepted(run, batch, answer);
    outcome.accepted += answer.accepted.length;
    outcome.conflicts += answer.conflicts.length;
    const byId = new Map(batch.map((p) => [p.item.id, p]));
    const current = answer.conflicts.flatMap((c) => (c.current ? [c.current] : []));
    for (const missing of answer.conflicts.filter((c) => c.current === null)) await handleMissing(run, byId.get(missing.id)!);
    if (current.length) await processIncoming(run, current, {});
  }
  return outcome;
}
