// Settings persisted in `storage.local`; see settings.ts for the schema and defaults.
import { browser } from 'wxt/browser';
import { parseSettings, settingsSchema, type Settings } from './settings';

const KEY = 'settings';

export function createSettingsStore() {
  return {
    async get(): Promise<Settings> {
      return parseSettings((await browser.storage.local.get(KEY))[KEY]);
    },
    async set(patch: Partial<Settings>): Promise<Settings> {
      const current = parseSettings((await browser.storage.local.get(KEY))[KEY]);
      const next = settingsSchema.parse({ ...current, ...settingsSchema.partial().strict().parse(patch) });
      await browser.storage.local.set({ [KEY]: next });
      return next;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
