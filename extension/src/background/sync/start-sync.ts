// Wires sync into the background (the engine and its hooks are composed in compose.ts): the message
// handlers, and the events that start a run —
// sync's alarms, and the vault being unlocked (seen as the unlocked session appearing in
// storage.session, which the vault service writes on every unlock) — and the live-push listener
// (sync/push-listener.ts): started at start-up, on unlock, sign-in and each sync alarm (it does
// nothing while locked or signed out, or while already listening), stopped on lock and sign-out. Listeners are added
// synchronously at start-up so an alarm that wakes the worker is never missed (MV3 event model).
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { SyncDb } from '../../sync/sync-db';
import type { ItemService } from '../../vault/item-service';
import type { VaultService } from '../../vault/vault-service';
import { UNLOCKED_SESSION_KEY } from '../../vault/browser-session-store';
import { createConflicts } from '../../sync/conflicts';
import type { SyncEngine } from '../../sync/engine';
import type { ServerUrl } from '../../sync/server-url';
import type { createAlarmScheduler } from '../../sync/alarm-scheduler';
import { createPushListener, type PushSocket } from '../../sync/push-listener';
import { registerSyncHandlers } from './sync-handlers';

export type StartSyncDeps = {
  db: SyncDb;
  vault: VaultService;
  items: ItemService;
  engine: SyncEngine;
  scheduler: ReturnType<typeof createAlarmScheduler>;
  broker: Broker;
  touchAutoLock: () => Promise<void>;
};

export function startSync(deps: StartSyncDeps): void {
  const now = () => Date.now();
  const { engine, scheduler } = deps;

  const push = createPushListener({
    target: () => engine.eventStreamTarget(),
    cursor: () => engine.cursor(),
    syncNow: (revision) => void engine.syncFor(revision),
    connect: (url, protocols): PushSocket => new WebSocket(url, protocols),
  });

  const canReach = (url: ServerUrl) => browser.permissions.contains({ origins: [url.permission] });
  registerSyncHandlers(deps.broker, {
    db: deps.db,
    vault: deps.vault,
    engine,
    scheduler,
    now,
    canReach,
    conflicts: createConflicts({ db: deps.db, items: deps.items, now }),
    touchAutoLock: deps.touchAutoLock,
    push,
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (scheduler.onAlarm(alarm.name)) push.start();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[UNLOCKED_SESSION_KEY]?.newValue !== undefined && changes[UNLOCKED_SESSION_KEY].oldValue === undefined) {
      void engine.trigger({ coveredByRunning: true });
      push.start();
    }
    if (area === 'session' && changes[UNLOCKED_SESSION_KEY]?.oldValue !== undefined && changes[UNLOCKED_SESSION_KEY].newValue === undefined) {
      push.stop();
    }
  });
  push.start();
}
