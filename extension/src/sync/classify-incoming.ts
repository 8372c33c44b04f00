// Sorts what the server served (a pull page, or the current versions a push conflicted with) into:
//   verified — opens with the vault key AND a device vouched for exactly this revision: apply it;
//   held     — authentic-looking but no device has vouched for this revision yet: keep, do not apply;
//   rejected — provably not a genuine change (see reports.ts): report it, never apply it;
//   echoes   — what this device already has (its own accepted pushes coming back).
// Checks run cheapest-first: revision order against the bases (the highest revision seen per item,
// docs/architecture.md, "Integrity against a malicious server"), then AEAD for live items, then the
// manifest — which names each revision's content by the digest of its envelopes (ADR 0023), so old
// envelopes, or parts of two writes, served under the current revision are refused as rolled back.
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import type { SyncBaseRow } from './sync-db';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { envelopeDigests } from '@keyhold/shared/sync/envelope-digests';
import type { SnapshotEntries } from '@keyhold/shared/sync/index-snapshot';
import { bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { baseEnvelopes } from './base-envelopes';
import { openSealedItems, type OpenedParts } from './open-remote';
import type { ReportKind } from './reports';
import type { SyncRun } from './sync-run';

export type LiveServerItem = Extract<ServerItem, { deleted: false }>;

/** A change to apply; `opened` is null for deletions. */
export type Verified = { server: ServerItem; opened: Extract<OpenedParts, { ok: true }> | null };

export type Classified = {
  verified: Verified[];
  held: ServerItem[];
  rejected: { server: ServerItem; kind: ReportKind }[];
  echoes: string[];
};

function sameVersion(base: SyncBaseRow, item: ServerItem, row: SealedItem | undefined): boolean {
  if (base.revision !== item.revision || base.deleted !== item.deleted) return false;
  if (base.deleted || item.deleted) return true;
  const a = baseEnvelopes(base, row);
  const b = item.envelopes;
  return a !== null && a.key === b.key && a.overview === b.overview && a.details === b.details;
}

/**
 * What it means when the server serves something other than the version a device wrote last
 * (`known`: this device's base, or the manifest entry): a deleted item back alive, a live one
 * deleted, a revision older than one already seen, or an older version under a current revision.
 */
function refusalKind(known: { revision: number; deleted: boolean }, item: ServerItem): ReportKind {
  if (known.deleted && !item.deleted) return 'resurrected';
  if (!known.deleted && item.deleted) return 'forged-delete';
  return item.revision < known.revision ? 'revision-backwards' : 'rolled-back';
}

/** Opens and checks `incoming`; judging against the manifest waits for `ready` (the opening does not). */
export async function classifyIncoming(
  run: SyncRun,
  incoming: readonly ServerItem[],
  bases: ReadonlyMap<string, SyncBaseRow>,
  ready: Promise<void> = Promise.resolve(),
): Promise<Classified> {
  const opened = await openIncoming(run, incoming, bases);
  await ready;
  return judgeOpened(run, opened);
}

/**
 * Incoming versions sorted against the bases (echoes, refusals) and the rest opened, each with the
 * digest of its envelopes: what is left is to judge them against the manifest (judgeOpened).
 */
export type OpenedIncoming = {
  sorted: Pick<Classified, 'echoes' | 'rejected'>;
  candidates: readonly ServerItem[];
  opened: ReadonlyMap<string, OpenedParts>;
  digests: readonly (Uint8Array | null)[];
  /** Live candidates whose overview came from the index snapshot (not opened). */
  fromSnapshot: number;
};

/**
 * The part of classifying that needs no manifest: revision order against the bases, AEAD, digests.
 * `snapshot` (a first sync, ADR 0025): an item whose envelopes' digest is exactly the one its entry
 * names takes its overview and conflict flag from the entry and is not opened; judging it against the
 * manifest is unchanged, and its parts are opened whenever it is read.
 */
export async function openIncoming(
  run: SyncRun,
  incoming: readonly ServerItem[],
  bases: ReadonlyMap<string, SyncBaseRow>,
  snapshot: SnapshotEntries | null = null,
): Promise<OpenedIncoming> {
  const sorted: OpenedIncoming['sorted'] = { echoes: [], rejected: [] };
  const candidates: ServerItem[] = [];
  // Bases kept as the 'item-row' marker compare against the row (only for same-revision answers).
  const rowIds = incoming
    .filter((item) => bases.get(item.id)?.revision === item.revision && bases.get(item.id)?.envelopes === 'item-row')
    .map((item) => item.id);
  const rows = new Map((await run.db.items.bulkGet(rowIds)).flatMap((row) => (row ? [[row.id, row] as const] : [])));
  for (const item of incoming) {
    const base = bases.get(item.id);
    if (base !== undefined && item.revision <= base.revision) {
      if (sameVersion(base, item, rows.get(item.id))) sorted.echoes.push(item.id);
      else sorted.rejected.push({ server: item, kind: refusalKind(base, item) });
      continue;
    }
    candidates.push(item);
  }

  const digests = await envelopeDigests(candidates.map((item) => (item.deleted ? null : item.envelopes)));
  const opened = new Map<string, OpenedParts>();
  const live: LiveServerItem[] = [];
  candidates.forEach((item, i) => {
    if (item.deleted) return;
    const entry = snapshot?.get(item.id);
    if (entry && entry.digest === bytesToBase64url(digests[i]!)) {
      opened.set(item.id, { ok: true, overview: entry.overview, detailsText: null, hasOpenConflicts: entry.hasOpenConflicts });
    } else {
      live.push(item);
    }
  });
  const outcomes = await openSealedItems(
    live.map((item) => ({ id: item.id, ...item.envelopes })),
    run.keys,
  );
  live.forEach((item, i) => opened.set(item.id, outcomes[i]!));
  return { sorted, candidates, opened, digests, fromSnapshot: candidates.length - live.length - candidates.filter((c) => c.deleted).length };
}

/** Judges opened versions against the manifest (which must be taken in by now). */
export async function judgeOpened(run: SyncRun, { sorted, candidates, opened, digests }: OpenedIncoming): Promise<Classified> {
  const out: Classified = { verified: [], held: [], rejected: [...sorted.rejected], echoes: [...sorted.echoes] };
  for (const [i, item] of candidates.entries()) {
    const open = item.deleted ? null : opened.get(item.id)!;
    if (open !== null && !open.ok) {
      out.rejected.push({ server: item, kind: 'undecryptable' });
      continue;
    }
    const digest = digests[i] ?? null;
    const verdict = await run.book.judge({ id: item.id, revision: item.revision, deleted: item.deleted, digest });
    if (verdict === 'vouched') out.verified.push({ server: item, opened: open });
    else if (verdict === 'unconfirmed') out.held.push(item);
    else out.rejected.push({ server: item, kind: refusalKind((await run.book.local()).get(item.id)!, item) });
  }
  return out;
}
