// Starting to sync with an account after sign-up or log-in: the connection record (token sealed
// under the vault key), and — unless this device already synced with this very server and account
// — a clean slate: no bases, no held changes, no manifest copy, cursor 0 (the next pull lists
// everything) and every local item queued (queued-all.ts), so local and server items meet through
// the merge.
import type { SessionGrant } from '@keyhold/shared/sync/protocol';
import type { SyncDb } from './sync-db';
import type { ServerUrl } from './server-url';
import { clearOwed } from './owed';
import { queueAllItems } from './queued-all';
import { createSyncState } from './state-records';
import { sealToken } from './token-record';

export async function beginSyncing(
  db: SyncDb,
  input: {
    url: ServerUrl;
    email: string;
    deviceName: string;
    grant: SessionGrant;
    keys: { accountId: string; vaultKey: Uint8Array };
    now: number;
    /** Start over even if the server and account are the ones this device synced with before. */
    fresh: boolean;
  },
): Promise<void> {
  const state = createSyncState(db);
  const { url, grant } = input;
  await db.transaction('rw', [db.syncState, db.baseBuckets, db.syncHeld, db.outbox, db.conflicts, db.items], async () => {
    const progress = await state.get('progress');
    const resume = !input.fresh && progress?.serverUrl === url.base && progress.accountId === grant.accountId;
    await state.put('connection', {
      serverUrl: url.base,
      email: input.email,
      accountId: grant.accountId,
      sessionId: grant.sessionId,
      deviceName: input.deviceName,
      sealedToken: sealToken(grant.token, input.keys),
      connectedAt: input.now,
    });
    await state.delete('run');
    if (resume) return;
    await Promise.all([db.baseBuckets.clear(), db.syncHeld.clear()]);
    for (const key of ['manifest', 'manifestRoot', 'header'] as const) await state.delete(key);
    await clearOwed(db);
    await state.put('progress', { serverUrl: url.base, accountId: grant.accountId, cursor: 0, lastFullCheckAt: null });
    await queueAllItems(db, state);
  });
}
