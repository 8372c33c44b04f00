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
  drainTimeoutMs?: number;
  engine?: Pick<SyncEngineDeps, 'fetch' | 'random' | 'holdGraceMs' | 'debounceMs' | 'fullCheckEveryMs'>;
};

export function composeVault(deps: ComposeDeps) {
  const { db, now } = deps;
  const session = createVaultSession({
    store: deps.store,
    now,
    loadIndex: (keys) => loadOverviewIndex(db, keys),
    // A lock ends an import's staging at once (import/import-session.ts), then tells the views.
    onLocked: () => {
      imports.locked();
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
  });
  const items = createItemService({ db, session, now, changeHook: createOutboxHook(db, () => engine.localChanged()) });
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
  return { session, vault, items, imports, engine };
}
