// What this device sent and has not recorded yet: for each push batch on its way, the ids of its
// live items and the digests of the envelopes sent, written before the request leaves ('sent:…'
// chunks of the sync state) and removed with the batch's record. A batch whose answer never came (a
// lost answer, a stopped worker) leaves its chunk behind: the next run's pull holds those versions,
// unvouched, and the push knows them for this device's own by their digests — also when the item
// was edited since, so its row no longer holds them (push-changes.ts, settleOwnHeld). Chunks from an
// earlier run are dropped once the run after it has judged its held versions.
import type { SentChunkKey, SyncState } from './state-records';
import type { SyncDb } from './sync-db';

const PREFIX = 'sent:';

export type SentEntry = { id: string; digest: string };

/** Journals a batch before it is sent; returns the chunk to drop once its answer is recorded. */
export async function journalSent(state: SyncState, entries: readonly SentEntry[]): Promise<SentChunkKey | null> {
  if (entries.length === 0) return null;
  const key: SentChunkKey = `${PREFIX}${crypto.randomUUID()}`;
  await state.put(key, [...entries]);
  return key;
}

/** Every journaled digest, by item id, and the chunks they came from. */
export async function readSent(db: SyncDb): Promise<{ digests: Map<string, Set<string>>; keys: SentChunkKey[] }> {
  const rows = await db.syncState.where('key').between(PREFIX, `${PREFIX}\uffff`).toArray();
  const digests = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const { id, digest } of row.value as SentEntry[]) {
      const known = digests.get(id);
      if (known) known.add(digest);
      else digests.set(id, new Set([digest]));
    }
  }
  return { digests, keys: rows.map((row) => row.key as SentChunkKey) };
}

/** Drops journal chunks (inside the caller's transaction on the sync state, or in its own). */
export async function dropSent(db: SyncDb, keys: readonly (SentChunkKey | null)[]): Promise<void> {
  const present = keys.filter((key): key is SentChunkKey => key !== null);
  if (present.length) await db.syncState.bulkDelete(present);
}
