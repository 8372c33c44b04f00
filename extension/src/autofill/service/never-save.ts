// Sites where the user chose "Never for this site": no save or update prompt there again. Site keys
// (check-frame.ts siteKey) in storage.local; they are not secret and survive restarts.
import type { KeyValueStore } from './key-value-store';

const KEY = 'autofill.neverSave';

export function createNeverSave(store: KeyValueStore) {
  return {
    async has(site: string): Promise<boolean> {
      return ((await store.get<string[]>(KEY)) ?? []).includes(site);
    },
    async add(site: string): Promise<void> {
      const sites = (await store.get<string[]>(KEY)) ?? [];
      if (!sites.includes(site)) await store.set(KEY, [...sites, site]);
    },
  };
}

export type NeverSave = ReturnType<typeof createNeverSave>;
