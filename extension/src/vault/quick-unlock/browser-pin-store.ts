// The PIN wrap in `storage.session`: memory only, cleared when the browser exits, and (like the
// unlocked session, browser-session-store.ts) readable only by trusted extension contexts — content
// scripts cannot see it.
import { browser } from 'wxt/browser';
import { parsePinRecord, type PinStore } from './pin-store';

/** The `storage.session` key of the PIN wrap. */
export const PIN_SESSION_KEY = 'quickUnlockPin';

export function createBrowserPinStore(): PinStore {
  let restricted: Promise<void> | null = null;
  const restrict = () => (restricted ??= browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }) ?? Promise.resolve());

  return {
    async load() {
      await restrict();
      return parsePinRecord((await browser.storage.session.get(PIN_SESSION_KEY))[PIN_SESSION_KEY]);
    },
    async save(record) {
      await restrict();
      await browser.storage.session.set({ [PIN_SESSION_KEY]: record });
    },
    async clear() {
      await browser.storage.session.remove(PIN_SESSION_KEY);
    },
  };
}
