// Builds the background: one database, the services, the broker with its handlers, and the
// listeners. Everything the service worker needs to answer a message is registered synchronously
// at start-up, so a message that wakes a stopped worker is never missed (MV3 event model).
import { browser } from 'wxt/browser';
import { SyncDb } from '../sync/sync-db';
import { createBrowserSessionStore } from '../vault/browser-session-store';
import { createBrowserPinStore } from '../vault/quick-unlock/browser-pin-store';
import { createBroker } from '../messaging/broker';
import { identifySender } from '../messaging/sender';
import { createSettingsStore } from '../vault/settings-store';
import { createAutoLock } from '../vault/auto-lock';
import { createClipboardClear } from '../clipboard/clipboard-clear';
import { createGeneratorHistory } from '../generator/generator-history';
import { createRelatedSites } from '../autofill/service/related-sites';
import { createSuggestions } from '../autofill/service/suggestions';
import { registerHandlers } from './handlers';
import { startSync } from './sync/start-sync';
import { startRotation } from './rotation/start-rotation';
import { createAlarmScheduler } from '../sync/alarm-scheduler';
import { composeVault } from './compose';
import { broadcastChanged, broadcastLocked } from './broadcast-locked';
import { startAutofill } from './autofill/start-autofill';
import { startPasskeys } from './passkeys/start-passkeys';
import { startHealth } from '../health/start-health';

export function startBackground(): void {
  const now = () => Date.now();
  const db = new SyncDb();
  const settings = createSettingsStore();
  const scheduler = createAlarmScheduler(() => void engine.trigger());
  const { vault, items, imports, engine, quickUnlock, rotation } = composeVault({
    db,
    store: createBrowserSessionStore(),
    pins: createBrowserPinStore(),
    now,
    scheduler,
    onLocked: () => {
      void autoLock.cancel();
      health.locked();
      void broadcastLocked();
      void autofill.locked().catch((error: unknown) => console.warn('Keyhold: could not clear autofill memory on lock', error));
    },
    onRemoteChanges: () => void broadcastChanged(),
  });
  const autoLock = createAutoLock({ lock: () => vault.lock(), isUnlocked: () => vault.isUnlocked(), settings: () => settings.get() });
  const clipboard = createClipboardClear({ seconds: async () => (await settings.get()).clipboardClearSeconds, now });
  const generator = createGeneratorHistory({ db, vault, now });
  const suggestions = createSuggestions({ vault, related: createRelatedSites(settings) });
  const health = startHealth({ db, vault, settings, now });

  const broker = createBroker({ onError: (type, error) => console.warn(`Keyhold: ${type} failed`, error) });
  registerHandlers(broker, { vault, items, imports, settings, autoLock, clipboard, generator, suggestions, health, quickUnlock });
  startSync({ db, vault, items, engine, scheduler, broker, touchAutoLock: () => autoLock.touch() });
  startRotation({ broker, rotation });
  const autofill = startAutofill({ broker, vault, items, settings, generator, clipboard, now });
  startPasskeys({ broker, vault, items, settings, now });

  const self = { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Messages addressed to the offscreen document are not for the broker.
    if ((message as { target?: unknown } | null)?.target === 'offscreen') return false;
    void broker.dispatch(message, identifySender(sender, self)).then(sendResponse);
    return true;
  });

  autoLock.start();
  clipboard.start();
}
