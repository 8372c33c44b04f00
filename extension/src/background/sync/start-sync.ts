// Wires sync into the background: the engine with its alarm scheduler, the item service's change
// hook (local writes go to the outbox), the message handlers, and the events that start a run —
// sync's alarms, and the vault being unlocked (seen as the unlocked session appearing in
// storage.session, which the vault service writes on every unlock). Listeners are added
// synchronously at start-up so an alarm that wakes the worker is never missed (MV3 event model).
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { VaultDb } from '../../vault/db';
import type { ItemService } from '../../vault/item-service';
import type { VaultService } from '../../vault/vault-service';
import { createConflicts } from '../../sync/conflicts';
import { createSyncEngine } from '../../sync/engine';
import { createOutboxHook } from '../../sync/outbox-hook';
import type { ServerUrl } from '../../sync/server-url';
import { createAlarmScheduler } from './alarm-scheduler';
import { registerSyncHandlers } from './sync-handlers';
import { createHeaderPublisher } from '../../sync/publish-header';

/** The key the vault's browser session store writes on unlock (vault/browser-session-store.ts). */
const UNLOCKED_SESSION_KEY = 'unlocked';

export function startSync(deps: { db: VaultDb; vault: VaultService; items: ItemService; broker: Broker; touchAutoLock: () => Promise<void> }): void {
  const now = () => Date.now();
  const scheduler = createAlarmScheduler(() => void engine.trigger());
  const engine = createSyncEngine({ db: deps.db, vault: deps.vault, items: deps.items, now, scheduler });
  deps.items.setChangeHook(createOutboxHook(deps.db, () => engine.localChanged()));
  deps.vault.setHeaderPublisher(createHeaderPublisher(engine));

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
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    scheduler.onAlarm(alarm.name);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[UNLOCKED_SESSION_KEY]?.newValue !== undefined && changes[UNLOCKED_SESSION_KEY].oldValue === undefined) {
      void engine.trigger();
    }
  });
}
