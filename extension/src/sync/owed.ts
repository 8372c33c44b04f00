// Manifest entries this device owes the server's tree: its accepted writes, not yet in a root it
// published (ADR 0023). Kept in chunks, one record per recorded push ('owed:…' keys of the sync
// state), so recording a batch writes only its own entries: one growing list, rewritten whole by
// every batch, cost a 10,000-item sign-up about 10 MB of copying. A flush reads every chunk and,
// once the root is published, removes exactly the chunks it read (entries owed meanwhile stay). The
// single list written by earlier versions ('owed') is read and settled the same way.
import type { ManifestEntryRecord, OwedChunkKey, SyncState } from './state-records';
import type { SyncDb } from './sync-db';

const PREFIX = 'owed:';

/** What a flush read: the entries, and the records they came from (to remove once written). */
export type OwedRead = { entries: ManifestEntryRecord[]; keys: ('owed' | OwedChunkKey)[] };

/** Records entries as owed (inside the caller's transaction on the sync state). */
export async function addOwed(state: SyncState, entries: readonly ManifestEntryRecord[]): Promise<void> {
  if (entries.length === 0) return;
  // Unique keys under one prefix (the order entries are merged in does not matter: the highest revision wins).
  const key: OwedChunkKey = `${PREFIX}${Date.now().toString(36).padStart(9, '0')}:${crypto.randomUUID()}`;
  await state.put(key, [...entries]);
}

export async function readOwed(db: SyncDb): Promise<OwedRead> {
  const rows = await db.syncState.where('key').between(PREFIX, `${PREFIX}\uffff`).toArray();
  const legacy = await db.syncState.get('owed');
  const chunks = [...(legacy ? [legacy] : []), ...rows];
  return {
    entries: chunks.flatMap((row) => row.value as ManifestEntryRecord[]),
    keys: chunks.map((row) => row.key as 'owed' | OwedChunkKey),
  };
}

/** Removes the records a flush read and wrote into a published root. */
export async function settleOwed(db: SyncDb, read: OwedRead): Promise<void> {
  if (read.keys.length) await db.syncState.bulkDelete(read.keys);
}

/** Forgets everything owed (a clean slate: inside the caller's transaction on the sync state). */
export async function clearOwed(db: SyncDb): Promise<void> {
  await db.syncState.where('key').between(PREFIX, `${PREFIX}\uffff`).delete();
  await db.syncState.delete('owed');
}
