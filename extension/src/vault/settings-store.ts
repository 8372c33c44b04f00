// Settings persisted in `storage.local`; see settings.ts for the schema and defaults. Read on every
// popup open and every page's fill request, they are kept parsed in memory and read again once
// storage says they changed (a write here, or from another context).
import { browser } from 'wxt/browser';
import { parseSettings, settingsSchema, type Settings } from './settings';

const KEY = 'settings';

export function createSettingsStore() {
  let cached: Promise<Settings> | null = null;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) cached = null;
  });

  async function read(): Promise<Settings> {
    return parseSettings((await browser.storage.local.get(KEY))[KEY]);
  }

  return {
    async get(): Promise<Settings> {
      const reading = (cached ??= read());
      try {
        // A copy: a caller that changes what it got does not change what the next one gets.
        return structuredClone(await reading);
      } catch (error) {
        if (cached === reading) cached = null;
        throw error;
      }
    },
    async set(patch: Partial<Settings>): Promise<Settings> {
      const current = await read();
      const next = settingsSchema.parse({ ...current, ...settingsSchema.partial().strict().parse(patch) });
      await browser.storage.local.set({ [KEY]: next });
      cached = null;
      return next;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
