// Where the unlocked vault key lives while the service worker sleeps: `storage.session`, which is
// memory-only and cleared when the browser exits (so a browser restart always locks), restricted to
// trusted extension contexts so content scripts cannot read it (docs/architecture.md, "Runtime model").
import { browser } from 'wxt/browser';
import { fromStored, toStored, type SessionStore, type StoredSession } from './session-store';

/** The `storage.session` key of the unlocked session; sync starts a run when it appears (background/sync/start-sync.ts). */
export const UNLOCKED_SESSION_KEY = 'unlocked';
const KEY = UNLOCKED_SESSION_KEY;

export function createBrowserSessionStore(): SessionStore {
  let restricted: Promise<void> | null = null;
  const restrict = () => (restricted ??= browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }) ?? Promise.resolve());

  return {
    async load() {
      await restrict();
      const stored = (await browser.storage.session.get(KEY))[KEY] as StoredSession | undefined;
      return stored ? fromStored(stored) : null;
    },
    async save(session) {
      await restrict();
      await browser.storage.session.set({ [KEY]: toStored(session) });
    },
    async clear() {
      await browser.storage.session.remove(KEY);
    },
  };
}
