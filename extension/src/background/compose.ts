// Composes the vault and sync, in one place for the service worker and for Node tests: one database,
// one vault session, the vault and item services with sync's hooks given at construction (the
// outbox hook records every local write; the header publisher keeps the server's header in step),
// and the sync engine. No browser API here: what differs between the worker and a test (where the
// session waits, how sync is scheduled, which fetch) comes in as arguments.
import type { KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { createVaultSession } from '../vault/session';
import type { SessionStore } from '../vault/session-store';
import { loadOverviewIndex } from '../vault/index-store';
import { createVaultService } from '../vault/vault-service';
import { createItemService } from '../vault/item-service';
import { createImportSession } from '../import/import-session';
import type { SyncDb } from '../sync/sync-db';
import { createSyncEngine, type SyncEngineDeps, type SyncScheduler } from '../sync/engine';
import { createOutboxHook } from '../sync/outbox-hook';
import { createHeaderPublisher } from '../sync/publish-header';
import { createPasswordChange } from '../sync/password-change';
import { createServerClient } from '../sync/server-client';
import { createKeyRotation } from '../vault/rotation';
import { createRotationHook } from '../sync/rotation-hook';
import { createQuickUnlock } from '../vault/quick-unlock/quick-unlock';
import { createMemoryPinStore, type PinStore } from '../vault/quick-unlock/pin-store';

export type ComposeDeps = {
  db: SyncDb;
  store: SessionStore;
  now: () => number;
  scheduler: SyncScheduler;
  /** Told when a lock is complete (the background tells every open view). */
  onLocked?: () => void;
  /** Told when sync applied other devices' changes (the background tells every open view). */
  onRemoteChanges?: () => void;
  newVaultKdf?: KdfCost;
  /** Where the PIN wrap waits (`storage.session` in the worker); in memory when not given. */
  pins?: PinStore;
  drainTimeoutMs?: number;
  engine?: Pick<SyncEngineDeps, 'fetch' | 'random' | 'holdGraceMs' | 'debounceMs' | 'fullCheckEveryMs' | 'snapshotMinChanges'>;
};

export function composeVault(deps: ComposeDeps) {
  const { db, now } = deps;
  const session = createVaultSession({
    store: deps.store,
    now,
    loadIndex: (keys) => loadOverviewIndex(db, keys),
    // A lock ends an import's staging at once (import/import-session.ts) and any wait for a row listed
    // ahead of it (vault/rows-ahead.ts), then tells the views.
    onLocked: () => {
      imports.locked();
      items.locked();
      deps.onLocked?.();
    },
    ...(deps.drainTimeoutMs !== undefined ? { drainTimeoutMs: deps.drainTimeoutMs } : {}),
  });
  // The hooks call the engine made below; they run only after composition, on a write or a change.
  const fetcher = deps.engine?.fetch;
  const vault = createVaultService({
    db,
    session,
    now,
    publisher: createHeaderPublisher({
      signedInClient: () => engine.signedInClient(),
      connection: () => engine.state.get('connection'),
      changedElsewhere: () => passwordChange.remote.pending(),
      client: (baseUrl, token) => createServerClient({ baseUrl, token, ...(fetcher ? { fetch: fetcher } : {}) }),
    }),
    // A password changed on another device: unlock goes through the server's header (ADR 0017).
    remote: {
      check: (local) => passwordChange.remote.check(local),
      pending: () => passwordChange.remote.pending(),
      adopt: (input) => passwordChange.remote.adopt(input),
    },
    ...(deps.newVaultKdf ? { newVaultKdf: deps.newVaultKdf } : {}),
    dropQuickUnlock: () => quickUnlock.drop(),
  });
  // PIN and WebAuthn PRF unlock (ADR 0019): the PIN's Argon2id costs what a new vault's does.
  const quickUnlock = createQuickUnlock({
    db,
    session,
    pins: deps.pins ?? createMemoryPinStore(),
    ...(deps.newVaultKdf ? { pinKdf: deps.newVaultKdf } : {}),
    confirmPassword: (password) => vault.confirmPassword(password),
    openWithKey: (ticket, keys) => vault.openWithKey(ticket, keys),
  });
  const changeHook = createOutboxHook(db, () => engine.localChanged());
  const items = createItemService({ db, session, now, changeHook });
  // Vault-key rotation (ADR 0021): its re-encrypted items go through the outbox like any local change.
  const rotation = createKeyRotation({
    db,
    session,
    now,
    changeHook,
    // The engine is made below; the hook reaches it only once a rotation runs.
    hook: createRotationHook({ db, engine: () => engine }),
    dropQuickUnlock: () => quickUnlock.drop(),
  });
  const imports = createImportSession({ db, session, items, now });
  const engine = createSyncEngine({
    db,
    vault,
    items,
    now,
    scheduler: deps.scheduler,
    ...deps.engine,
    ...(deps.onRemoteChanges ? { onRemoteChanges: deps.onRemoteChanges } : {}),
    onRevoked: async (connection) => passwordChange.revoked(connection, await db.getMeta('header')),
  });
  const passwordChange = createPasswordChange({
    db,
    state: engine.state,
    reports: engine.reports,
    scheduler: deps.scheduler,
    now,
    ...(fetcher ? { fetch: fetcher } : {}),
  });
  return { session, vault, items, imports, engine, quickUnlock, rotation };
}
