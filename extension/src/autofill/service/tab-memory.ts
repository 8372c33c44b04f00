// What autofill remembers per tab, for minutes at most, in storage.session: the login chosen for a
// site (the next step of a multi-step login fills the same account), the username typed in a first
// step, the one-time code allowed to follow a fill, the pending save/update prompt, and the
// shortcut's cycle through the matches. Dropped when the tab closes, and for every tab when the vault
// locks: a pending prompt holds a typed password, and nothing of a session outlives its lock.
import type { KeyValueStore } from './key-value-store';

export type StoredPrompt = {
  id: string;
  kind: 'save' | 'update';
  site: string;
  /** The page the login was sent from; the new item's URL. */
  pageUrl: string;
  host: string;
  username: string;
  password: string;
  itemId: string | null;
  itemName: string | null;
  createdAt: number;
  /** Still to be shown again on the page the submit navigates to. */
  awaitingNavigation: boolean;
};

export type TabRecord = {
  chosen?: { site: string; itemId: string; at: number };
  identifier?: { site: string; username: string; at: number };
  totp?: { site: string; itemId: string; until: number };
  prompt?: StoredPrompt;
  cycle?: { site: string; itemIds: string[]; index: number; at: number };
};

export const MEMORY_MS = {
  chosen: 10 * 60_000,
  identifier: 10 * 60_000,
  totp: 3 * 60_000,
  prompt: 2 * 60_000,
  cycle: 15_000,
} as const;

export function createTabMemory(store: KeyValueStore) {
  const PREFIX = 'autofill.tab.';
  const key = (tabId: number) => `${PREFIX}${tabId}`;
  // Updates of one tab run one after another, so two quick messages cannot undo each other.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(tabId: number): Promise<TabRecord> {
    return (await store.get<TabRecord>(key(tabId))) ?? {};
  }

  return {
    read,
    update<T>(tabId: number, change: (record: TabRecord) => T): Promise<T> {
      const run = queue.then(async () => {
        const record = await read(tabId);
        const result = change(record);
        await store.set(key(tabId), record);
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    forget(tabId: number): Promise<void> {
      return store.remove(key(tabId));
    },
    /** Forgets every tab (the vault was locked); queued behind updates in flight, so none lands after it. */
    forgetAll(): Promise<void> {
      const run = queue.then(() => store.removePrefix(PREFIX));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type TabMemory = ReturnType<typeof createTabMemory>;
