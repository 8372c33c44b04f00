// After a full listing (every item the server holds, tombstones included): what is NOT listed.
// An item this device synced, or that the manifest says a device wrote, and that the server no
// longer lists either had its deletion purged (the manifest then records a newer deletion, which is
// applied) or vanished without any device deleting it — reported, the local copy kept and queued
// for upload again. Purged tombstones this device still remembers are forgotten.
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import type { SyncBaseRow } from './sync-db';
import type { Manifest } from './manifest';
import { applyVerified } from './apply-verified';
import type { SyncRun } from './sync-run';

export async function checkListing(run: SyncRun, listing: { listed: ReadonlySet<string>; revision: number }): Promise<void> {
  const { db } = run;
  const baseIds = await run.bases.ids();
  const missing = (manifest: Manifest) => [...manifest].some(([id, entry]) => !entry.deleted && !listing.listed.has(id));
  // The server's newest manifest is fetched only when something looks missing: it may list a
  // deletion this device's copy does not know yet.
  if (baseIds.some((id) => !listing.listed.has(id)) || missing(await run.book.local())) await run.book.refresh();
  const manifest = await run.book.local();
  const unlisted = [...(await run.bases.get(baseIds.filter((id) => !listing.listed.has(id)))).values()];
  const held = new Set(await db.syncHeld.toCollection().primaryKeys());
  const forgotten = unlisted.filter((base) => base.deleted).map((base) => base.id);
  const deletions: ServerItem[] = [];
  const vanished: SyncBaseRow[] = [];
  for (const base of unlisted) {
    if (base.deleted) continue;
    const entry = manifest.get(base.id);
    if (entry?.deleted && entry.revision > base.revision) {
      deletions.push({ id: base.id, revision: entry.revision, deleted: true, envelopes: null, updatedAt: run.now() });
    } else {
      vanished.push(base);
    }
  }
  const known = new Set(baseIds);
  const lostElsewhere = [...manifest].filter(([id, entry]) => !entry.deleted && !listing.listed.has(id) && !known.has(id) && !held.has(id));

  if (deletions.length)
    await applyVerified(
      run,
      deletions.map((server) => ({ server, opened: null })),
    );
  for (const base of vanished) await run.reports.add('vanished', { itemId: base.id, revision: base.revision });
  for (const [id, entry] of lostElsewhere) await run.reports.add('vanished', { itemId: id, revision: entry.revision });

  const present = new Set((await db.items.bulkGet(vanished.map((b) => b.id))).flatMap((row) => (row ? [row.id] : [])));
  await db.transaction('rw', [db.baseBuckets, db.outbox, db.syncState], async () => {
    await run.bases.delete([...forgotten, ...vanished.map((b) => b.id)]);
    // Without a base, the next push uploads the kept copy as new (base revision 0).
    const reupload = vanished.filter((b) => present.has(b.id)).map((b) => ({ id: b.id, version: crypto.randomUUID(), deletedAt: null }));
    if (reupload.length) await db.outbox.bulkPut(reupload);
    const progress = await run.state.get('progress');
    if (progress) {
      await run.state.put('progress', { ...progress, cursor: Math.max(progress.cursor, listing.revision), lastFullCheckAt: run.now() });
    }
  });
}
