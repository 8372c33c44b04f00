// What Settings → Sync and the conflict badge show: whether and where this device is signed in,
// whether a sync is running or failing (in plain words, with the next retry), how many local changes
// wait to be pushed, how many items have open conflicts, and the integrity reports.
import type { SyncDb } from './sync-db';
import type { VaultService } from '../vault/vault-service';
import type { SyncReport } from './reports';
import type { SyncState } from './state-records';
import { createBaseStore } from './base-store';
import { pendingCount } from './queued-all';

export type SyncStatus = {
  connection: { serverUrl: string; email: string; deviceName: string; sessionId: string; connectedAt: number } | null;
  /** off: not signed in; locked: signed in, waiting for the vault to be unlocked. */
  state: 'off' | 'locked' | 'syncing' | 'idle' | 'failing';
  lastSyncAt: number | null;
  /** The last run's problem in plain words; null after a good run. */
  lastError: string | null;
  nextRetryAt: number | null;
  pendingChanges: number;
  conflicts: number;
  /** Remote changes held back until a device vouches for them. */
  held: number;
  reports: (SyncReport & { itemName: string | null })[];
};

export async function readStatus(deps: {
  db: SyncDb;
  state: SyncState;
  vault: Pick<VaultService, 'ifUnlocked'>;
  syncing: boolean;
}): Promise<SyncStatus> {
  const { db, state } = deps;
  const [connection, run, reports, pendingChanges, conflicts, held, unlocked] = await Promise.all([
    state.get('connection'),
    state.get('run'),
    state.get('reports'),
    pendingCount(db, state, createBaseStore(db)),
    db.conflicts.count(),
    db.syncHeld.count(),
    deps.vault.ifUnlocked((u) => u.index),
  ]);
  const nameOf = (id: string | null): string | null => {
    if (id === null || !unlocked) return null;
    const name = unlocked.overview(id)?.name;
    return typeof name === 'string' ? name : null;
  };
  const lastError = run?.lastError ?? null;
  const stateName: SyncStatus['state'] = !connection ? 'off' : !unlocked ? 'locked' : deps.syncing ? 'syncing' : lastError ? 'failing' : 'idle';
  return {
    connection: connection
      ? {
          serverUrl: connection.serverUrl,
          email: connection.email,
          deviceName: connection.deviceName,
          sessionId: connection.sessionId,
          connectedAt: connection.connectedAt,
        }
      : null,
    state: stateName,
    lastSyncAt: run?.lastSyncAt ?? null,
    lastError,
    nextRetryAt: run?.nextRetryAt ?? null,
    pendingChanges,
    conflicts,
    held,
    reports: (reports ?? []).map((report) => ({ ...report, itemName: nameOf(report.itemId) })),
  };
}
