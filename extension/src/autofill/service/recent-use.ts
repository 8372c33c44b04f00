// When each login was last filled, to rank a site's matches (ADR 0005, "Ranking": match quality first,
// then recent use). Only item ids and times, in storage.local; capped so it cannot grow without bound.
import type { KeyValueStore } from './key-value-store';

const KEY = 'autofill.recentUse';
const LIMIT = 500;

export function createRecentUse(store: KeyValueStore) {
  return {
    async map(): Promise<Map<string, number>> {
      return new Map(Object.entries((await store.get<Record<string, number>>(KEY)) ?? {}));
    },
    async touch(itemId: string, at: number): Promise<void> {
      const entries = Object.entries((await store.get<Record<string, number>>(KEY)) ?? {}).filter(([id]) => id !== itemId);
      entries.push([itemId, at]);
      entries.sort((a, b) => b[1] - a[1]);
      await store.set(KEY, Object.fromEntries(entries.slice(0, LIMIT)));
    },
  };
}

export type RecentUse = ReturnType<typeof createRecentUse>;
