// Vault health in the service worker: the service with the browser's pieces — the settings (opt-in
// and endpoint), zxcvbn scores (in the offscreen document on Chrome), and progress told to the open views a few times a second.
import { browser } from 'wxt/browser';
import { scorePasswords } from './score-passwords';
import type { VaultDb } from '../vault/db';
import type { VaultService } from '../vault/vault-service';
import type { SettingsStore } from '../vault/settings-store';
import { createHealthService } from './health-service';
import { HEALTH_EVENT, throttleStatus } from './events';

const PROGRESS_INTERVAL_MS = 250;

export function startHealth(deps: { db: VaultDb; vault: Pick<VaultService, 'borrow'>; settings: SettingsStore; now: () => number }) {
  const tell = throttleStatus(
    (status) => {
      // No view open rejects; that is fine.
      void browser.runtime.sendMessage({ type: HEALTH_EVENT, status }).catch(() => undefined);
    },
    { intervalMs: PROGRESS_INTERVAL_MS, now: deps.now },
  );
  return createHealthService({
    db: deps.db,
    session: deps.vault,
    now: deps.now,
    settings: async () => {
      const { breachCheck, breachEndpoint } = await deps.settings.get();
      return { breachCheck, breachEndpoint };
    },
    score: scorePasswords,
    onStatus: tell,
  });
}
