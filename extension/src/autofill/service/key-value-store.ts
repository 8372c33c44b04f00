// The small persistent memory autofill needs between messages, which may outlive the service worker
// (MV3 stops it when idle): a key-value contract, with `storage.session` (memory only, cleared when
// the browser closes, not readable by content scripts) or `storage.local` in the browser and a Map
// in Node tests.
import { browser } from 'wxt/browser';

export type KeyValueStore = {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Removes every key that starts with `prefix`. */
  removePrefix(prefix: string): Promise<void>;
};

export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    async get<T>(key: string) {
      const raw = values.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    async set(key, value) {
      values.set(key, JSON.stringify(value));
    },
    async remove(key) {
      values.delete(key);
    },
    async removePrefix(prefix) {
      for (const key of [...values.keys()]) if (key.startsWith(prefix)) values.delete(key);
    },
  };
}

export function createBrowserStore(area: 'session' | 'local'): KeyValueStore {
  const storage = browser.storage[area];
  return {
    async get<T>(key: string) {
      return (await storage.get(key))[key] as T | undefined;
    },
    async set(key, value) {
      await storage.set({ [key]: value });
    },
    async remove(key) {
      await storage.remove(key);
    },
    async removePrefix(prefix) {
      const keys = Object.keys(await storage.get(null)).filter((key) => key.startsWith(prefix));
      if (keys.length > 0) await storage.remove(keys);
    },
  };
}
