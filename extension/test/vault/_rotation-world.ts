// One service worker's vault, items and key rotation over a named database (fake-indexeddb), for the
// rotation tests: a "killed" worker is a new one over the same database and an emptied session store.
import 'fake-indexeddb/auto';
import { KDF_FLOORS } from '@keyhold/shared/crypto/kdf-params';
import { newItem } from '@keyhold/shared/items/new-item';
import type { Item } from '@keyhold/shared/items/item';
import { SyncDb } from '../../src/sync/sync-db';
import { createOutboxHook } from '../../src/sync/outbox-hook';
import { createMemorySessionStore, type SessionStore } from '../../src/vault/session-store';
import { createVaultSession } from '../../src/vault/session';
import { loadOverviewIndex } from '../../src/vault/index-store';
import { createVaultService } from '../../src/vault/vault-service';
import { createItemService } from '../../src/vault/item-service';
import { createKeyRotation, type RotationDeps } from '../../src/vault/rotation';
import { openItemRow } from '../../src/vault/item-codec';
import type { RotationState } from '../../src/vault/rotation-machine';

export const PASSWORD = 'rotate the keys please 42';
export const now = () => Date.now();
let worlds = 0;

export const note = (label: string): Item => newItem('note', { name: label, text: `text of ${label}` }, now());

export function rotationWorker(
  options: { dbName?: string; batchSize?: number; onChange?: (state: RotationState) => void; hook?: RotationDeps['hook'] } = {},
) {
  const dbName = options.dbName ?? `rotation-${Date.now()}-${++worlds}`;
  const db = new SyncDb(dbName);
  const store: SessionStore = createMemorySessionStore();
  const session = createVaultSession({ store, now, loadIndex: (keys) => loadOverviewIndex(db, keys) });
  const changeHook = createOutboxHook(db, () => undefined);
  const vault = createVaultService({ db, session, now, newVaultKdf: KDF_FLOORS });
  const items = createItemService({ db, session, now, changeHook });
  const rotation = createKeyRotation({
    db,
    session,
    now,
    changeHook,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.hook ? { hook: options.hook } : {}),
  });
  /** A copy of the vault key in use (tests compare keys; the app never does this). */
  const currentKey = () => session.borrow((u) => u.vaultKey.slice());
  /** How many stored rows open with `key`, and how many exist. */
  async function opening(key: Uint8Array): Promise<{ opened: number; rows: number }> {
    const rows = await db.items.toArray();
    const accountId = (await db.getMeta('header'))!.accountId;
    return { opened: rows.filter((row) => openItemRow(row, { accountId, vaultKey: key }).ok).length, rows: rows.length };
  }
  return { dbName, db, session, vault, items, rotation, currentKey, opening };
}

export type RotationWorker = ReturnType<typeof rotationWorker>;

/** Waits until the rotation is in a state `done` accepts (the loop runs in the background). */
export async function until(worker: RotationWorker, done: (state: RotationState) => boolean, timeoutMs = 20_000): Promise<RotationState> {
  const started = Date.now();
  for (;;) {
    await Promise.race([worker.rotation.settled(), new Promise((r) => setTimeout(r, 200))]);
    const state = await worker.rotation.status();
    if (done(state)) return state;
    if (Date.now() - started > timeoutMs) throw new Error(`rotation stuck in ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
