// Owed manifest entries in chunks (owed.ts): each recorded push adds its own chunk, a flush reads
// them all — with the single list earlier versions wrote — and settles exactly what it read.
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { SyncDb } from '../../src/sync/sync-db';
import { createSyncState, type ManifestEntryRecord } from '../../src/sync/state-records';
import { addOwed, clearOwed, readOwed, settleOwed } from '../../src/sync/owed';

let dbs = 0;
const entry = (id: string, revision: number): ManifestEntryRecord => ({ id, revision, deleted: false, digest: null });

it('reads the older single list and every chunk, and settles only what it read', async () => {
  const db = new SyncDb(`owed-${++dbs}`);
  const state = createSyncState(db);
  await state.put('owed', [entry('a', 1)]);
  await addOwed(state, [entry('b', 2), entry('c', 3)]);
  await addOwed(state, [entry('d', 4)]);
  await addOwed(state, []);
  const read = await readOwed(db);
  expect(read.entries.map((e) => e.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  expect(read.keys).toHaveLength(3);
  // Owed while the flush was writing: stays for the next one.
  await addOwed(state, [entry('e', 5)]);
  await settleOwed(db, read);
  expect((await readOwed(db)).entries.map((e) => e.id)).toEqual(['e']);
  expect(await state.get('owed')).toBeUndefined();
  // Other sync state is not touched by a clean slate's clearing.
  await state.put('progress', { serverUrl: 'https://sync.example', accountId: 'x', cursor: 3, lastFullCheckAt: null });
  await db.transaction('rw', db.syncState, () => clearOwed(db));
  expect((await readOwed(db)).entries).toEqual([]);
  expect(await state.get('progress')).toMatchObject({ cursor: 3 });
});
