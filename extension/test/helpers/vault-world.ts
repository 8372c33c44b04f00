// The background's vault and sync, composed as the service worker composes them (background/compose.ts),
// over a real IndexedDB implementation (fake-indexeddb) and an in-memory session store, with the KDF
// at its floors. A scheduler that only records is the default: tests decide when sync runs.
import 'fake-indexeddb/auto';
import { KDF_FLOORS, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { SyncDb } from '../../src/sync/sync-db';
import type { SyncScheduler } from '../../src/sync/engine';
import { createMemorySessionStore, type SessionStore } from '../../src/vault/session-store';
import { composeVault, type ComposeDeps } from '../../src/background/compose';

let dbCount = 0;

export type RecordingScheduler = SyncScheduler & { requests: number[]; periodic: boolean };

export function createRecordingScheduler(): RecordingScheduler {
  const scheduler: RecordingScheduler = {
    requests: [],
    periodic: false,
    runIn(delayMs) {
      scheduler.requests.push(delayMs);
    },
    setPeriodic(on) {
      scheduler.periodic = on;
    },
  };
  return scheduler;
}

export type WorldOptions = {
  db?: SyncDb;
  store?: SessionStore;
  now: () => number;
  scheduler?: SyncScheduler;
  kdf?: KdfCost;
} & Pick<ComposeDeps, 'engine' | 'onLocked' | 'drainTimeoutMs' | 'pins'>;

export function vaultWorld(options: WorldOptions) {
  const db = options.db ?? new SyncDb(`world-${Date.now()}-${++dbCount}`);
  const store = options.store ?? createMemorySessionStore();
  const scheduler = options.scheduler ?? createRecordingScheduler();
  const composed = composeVault({
    db,
    store,
    now: options.now,
    scheduler,
    newVaultKdf: options.kdf ?? KDF_FLOORS,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.onLocked ? { onLocked: options.onLocked } : {}),
    ...(options.drainTimeoutMs !== undefined ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
    ...(options.pins ? { pins: options.pins } : {}),
  });
  return { db, store, scheduler, ...composed };
}
