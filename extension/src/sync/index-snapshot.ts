// The account's index snapshot on the server (ADR 0025), fetched by a new device and written by the
// devices that change the vault. A first sync takes an item's overview from the snapshot, without
// opening the item, when the snapshot's entry names exactly the digest of the envelopes served —
// which the manifest then judges like any other (classify-incoming.ts). The snapshot only ever saves
// work: one that is missing, old, of another key or damaged leaves every item to be opened as before.
//
// When a device writes one: when the items changed since the snapshot was last known current exceed
// max(SNAPSHOT_MIN_CHANGES, 5 % of the vault). A device counts its own accepted pushes; a first sync
// counts the items the snapshot did not cover — so a sign-up writes one after its upload, and the
// first new device to find one stale (other devices' edits add up) writes a fresh one.
import { envelopeDigests } from '@keyhold/shared/sync/envelope-digests';
import { openSnapshot, sealSnapshot, type SnapshotEntries, type SnapshotEntry } from '@keyhold/shared/sync/index-snapshot';
import type { Overview } from '@keyhold/shared/items/item';
import { bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import type { SyncRun } from './sync-run';

/** Fewest changed items that make a new snapshot worth its upload. */
export const SNAPSHOT_MIN_CHANGES = 500;
/** Share of the vault that, changed, makes a new snapshot worth it in large vaults. */
const SNAPSHOT_STALE_SHARE = 0.05;

/** The account's current snapshot, opened; null when there is none or it cannot be used. */
export async function fetchSnapshot(run: SyncRun): Promise<SnapshotEntries | null> {
  try {
    const first = (await run.client.getSnapshot({ index: 0 })).snapshot;
    if (!first) return null;
    const chunks = [first.chunk];
    for (let index = 1; index < first.count; index++) {
      const next = (await run.client.getSnapshot({ snapshotId: first.snapshotId, index })).snapshot;
      // Replaced while being read: this first sync goes without.
      if (!next || next.snapshotId !== first.snapshotId || next.index !== index || next.count !== first.count) return null;
      chunks.push(next.chunk);
    }
    return await openSnapshot({ snapshotId: first.snapshotId, chunks }, run.keys);
  } catch {
    // An older server without snapshots, a refusal, a network error: the items are opened instead.
    return null;
  }
}

/**
 * Lists ahead of their rows (ADR 0027) the snapshot's items that the manifest, taken in from the
 * server's tree by now, names live with exactly the digest of the envelopes the entry was read from.
 * So an entry of an item changed or deleted since, or one the tree did not check out for, is not
 * listed: its item waits for its page like any other. Returns how many were listed.
 */
export async function listSnapshotAhead(run: SyncRun, entries: SnapshotEntries): Promise<number> {
  const manifest = await run.book.local();
  const vouched: { id: string; overview: Overview; sites: readonly string[] | null }[] = [];
  for (const [id, entry] of entries) {
    const known = manifest.get(id);
    if (known && !known.deleted && known.digest && bytesToBase64url(known.digest) === entry.digest) {
      vouched.push({ id, overview: entry.overview, sites: entry.sites });
    }
  }
  return vouched.length ? run.items.listAhead(vouched) : 0;
}

/** Adds `changed` items to what the snapshot is known to miss (a first sync sets it: `reset`). */
export async function addSnapshotDebt(run: Pick<SyncRun, 'state'>, changed: number, options: { reset?: boolean } = {}): Promise<void> {
  if (changed === 0 && !options.reset) return;
  const before = options.reset ? 0 : ((await run.state.get('snapshotDebt'))?.changed ?? 0);
  await run.state.put('snapshotDebt', { changed: before + changed });
}

/** Whether the snapshot is far enough behind this vault to write a new one. */
export async function snapshotDue(run: Pick<SyncRun, 'state' | 'db'>, minChanges = SNAPSHOT_MIN_CHANGES): Promise<boolean> {
  const debt = (await run.state.get('snapshotDebt'))?.changed ?? 0;
  if (debt < minChanges) return false;
  return debt >= SNAPSHOT_STALE_SHARE * (await run.db.items.count());
}

/**
 * Every readable item's overview with the digest of the row it was read from and its conflict flag.
 * Read in the item service's write queue, so no write lands between the rows and the index.
 */
export function collectSnapshotEntries(run: SyncRun): Promise<SnapshotEntry[]> {
  return run.items.whileWritesWait(async (state) => {
    const [rows, conflicted] = await Promise.all([run.db.items.toArray(), run.db.conflicts.toCollection().primaryKeys()]);
    const digests = await envelopeDigests(rows);
    const open = new Set(conflicted);
    return rows.flatMap((row, i): SnapshotEntry[] => {
      const overview = state.index.overview(row.id);
      if (!overview) return [];
      const sites = state.index.sites(row.id);
      return [{ id: row.id, digest: digests[i]!, overview, hasOpenConflicts: open.has(row.id), ...(sites ? { sites } : {}) }];
    });
  });
}

/** Seals this vault's snapshot and uploads it, chunk by chunk; the debt is cleared once it is current. */
export async function uploadSnapshot(run: SyncRun): Promise<void> {
  const entries = await collectSnapshotEntries(run);
  const { snapshotId, chunks } = await sealSnapshot(entries, run.keys);
  let complete = false;
  for (const [index, chunk] of chunks.entries()) {
    complete = (await run.client.putSnapshot({ snapshotId, index, count: chunks.length, chunk })).complete;
  }
  if (complete) await run.state.put('snapshotDebt', { changed: 0 });
}
