// Registers one handler per protocol message. Handlers are thin: the broker has already parsed each
// request with the protocol's schema (messaging/protocol.ts), and they call the services, which hold the logic.
import { DEFAULT_KDF } from '@keyhold/shared/crypto/kdf-params';
import type { Broker } from '../messaging/broker';
import type { OpenPayload } from '../messaging/protocol';
import type { VaultService } from '../vault/vault-service';
import type { ItemService } from '../vault/item-service';
import type { ImportSession } from '../import/import-session';
import type { SettingsStore } from '../vault/settings-store';
import type { createAutoLock } from '../vault/auto-lock';
import type { createClipboardClear } from '../clipboard/clipboard-clear';
import type { createGeneratorHistory } from '../generator/generator-history';
import { rankSuggestions, suggestionRow, type createSuggestions } from '../autofill/service/suggestions';
import { toListRow } from '../vault/list-row';
import { siteRulesFor } from '../generator/site-rules';
import { changePasswordUrl } from '@keyhold/shared/site-data/change-password-url';
import type { HealthService } from '../health/health-service';
import { prfOutputFromText, type QuickUnlock } from '../vault/quick-unlock/quick-unlock';

export type Services = {
  vault: VaultService;
  items: ItemService;
  imports: ImportSession;
  settings: SettingsStore;
  autoLock: ReturnType<typeof createAutoLock>;
  clipboard: ReturnType<typeof createClipboardClear>;
  generator: ReturnType<typeof createGeneratorHistory>;
  suggestions: ReturnType<typeof createSuggestions>;
  health: HealthService;
  quickUnlock: QuickUnlock;
};

export function registerHandlers(broker: Broker, s: Services): void {
  // Rescheduling the auto-lock alarm is browser IPC (tens of ms): it runs beside the reply, not before it.
  const unlockedChanged = () => {
    void s.autoLock.touch().catch((error: unknown) => console.warn('Keyhold: auto-lock not scheduled', error));
  };

  broker.on('vault.status', () => s.vault.status());
  broker.on('vault.create', async (req) => {
    const created = await s.vault.create(req.password);
    unlockedChanged();
    return created;
  });
  broker.on('vault.confirmRecovery', () => s.vault.confirmRecovery());
  async function openPayload(limit: number, tabId?: number): Promise<OpenPayload> {
    const [status, site] = await Promise.all([s.vault.status(), s.suggestions.forActiveTab(tabId)]);
    if (status.state !== 'unlocked') return { status, suggestions: [], page: null, pageUrl: null };
    unlockedChanged();
    const page = await s.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit });
    return { status, suggestions: site.suggestions, page, pageUrl: site.pageUrl };
  }

  broker.on('vault.unlock', async (req) => {
    const limit = req.limit ?? 50;
    // The tab's URL is looked up while unlock reads the vault, so the KDF waits for neither.
    const preview = await s.vault.unlock(req.password, { pageUrl: s.suggestions.activeTabUrl(req.tabId) });
    unlockedChanged();
    // Answered from the index head when it holds the page asked for; the rest loads after this reply.
    // A page with related sites waits for the whole index: their logins lie in other site buckets.
    const fits = preview && (limit <= preview.page.rows.length || preview.page.total <= preview.page.rows.length);
    if (preview && fits && !(await s.suggestions.hasRelated(preview.pageUrl))) {
      const { pageUrl } = preview;
      const page = { ...preview.page, rows: preview.page.rows.slice(0, limit) };
      const suggestions = pageUrl ? rankSuggestions(preview.candidates, pageUrl).map((m) => suggestionRow(toListRow(m.overview), m)) : [];
      const status = { state: 'unlocked' as const, recoveryConfirmed: preview.recoveryConfirmed, retryAfterMs: 0, itemCount: preview.size };
      return { status, suggestions, page, pageUrl };
    }
    return openPayload(limit, req.tabId);
  });
  broker.on('vault.lock', () => s.vault.lock());

  // Quick unlock (vault/quick-unlock/, ADR 0019): a PIN while the browser stays open, or a WebAuthn PRF credential.
  broker.on('quickUnlock.status', () => s.quickUnlock.status());
  broker.on('quickUnlock.enablePin', (req) => s.quickUnlock.enablePin(req.password, req.pin));
  broker.on('quickUnlock.disablePin', () => s.quickUnlock.disablePin());
  broker.on('quickUnlock.unlockPin', async (req) => {
    await s.quickUnlock.unlockWithPin(req.pin);
    return openPayload(req.limit ?? 50, req.tabId);
  });
  broker.on('quickUnlock.enablePrf', (req) =>
    s.quickUnlock.enablePrf(req.password, { credentialId: req.credentialId, salt: req.salt, prfOutput: prfOutputFromText(req.prfOutput) }),
  );
  broker.on('quickUnlock.disablePrf', () => s.quickUnlock.disablePrf());
  broker.on('quickUnlock.unlockPrf', async (req) => {
    await s.quickUnlock.unlockWithPrf(prfOutputFromText(req.prfOutput));
    return openPayload(req.limit ?? 50, req.tabId);
  });
  broker.on('vault.resetWithRecoveryKey', async (req) => {
    await s.vault.resetWithRecoveryKey(req.recoveryKey, req.newPassword);
    unlockedChanged();
  });
  broker.on('vault.changePassword', (req) => s.vault.changePassword(req.currentPassword, req.newPassword));
  broker.on('vault.viewRecoveryKey', (req) => s.vault.viewRecoveryKey(req.password));
  broker.on('vault.regenerateRecoveryKey', (req) => s.vault.regenerateRecoveryKey(req.password));
  broker.on('vault.exportItems', (req) => s.vault.exportItems(req.password));
  broker.on('vault.kdf', async () => {
    const status = await s.vault.status();
    if (status.state === 'none')
      return { memoryKiB: DEFAULT_KDF.memoryKiB, iterations: DEFAULT_KDF.iterations, parallelism: DEFAULT_KDF.parallelism };
    return s.vault.kdfCost();
  });
  broker.on('vault.calibrateKdf', (cost) => s.vault.calibrate(cost));
  broker.on('vault.setKdf', (req) =>
    s.vault.setKdf(req.password, { memoryKiB: req.memoryKiB, iterations: req.iterations, parallelism: req.parallelism }),
  );

  broker.on('settings.get', () => s.settings.get());
  broker.on('settings.set', async (patch) => {
    const next = await s.settings.set(patch);
    await s.autoLock.settingsChanged(next);
    return next;
  });

  broker.on('popup.open', ({ limit, tabId }) => openPayload(limit, tabId));
  broker.on('items.list', (query) => s.items.list(query));
  broker.on('items.get', async (req) => ({ item: await s.items.get(req.id) }));
  broker.on('items.save', (req) => s.items.save(req.item, req.base));
  broker.on('items.import', (req) => s.items.importMany(req.items));
  broker.on('items.trash', (req) => s.items.trash(req.ids));
  broker.on('items.restore', (req) => s.items.restore(req.ids));
  broker.on('items.deleteForever', (req) => s.items.deleteForever(req.ids));
  broker.on('items.update', (req) => s.items.update(req.ids, req.patch));
  broker.on('items.tagsAndFolders', () => s.items.tagsAndFolders());
  broker.on('items.changePasswordUrl', (req) => changePasswordUrl(req.url));

  broker.on('import.begin', (req) => s.imports.begin(req.total));
  broker.on('import.add', (req) => s.imports.add(req.importId, req.items));
  broker.on('import.commit', (req) => s.imports.commit(req.importId, req.duplicates));
  broker.on('import.touch', (req) => s.imports.touch(req.importId));
  broker.on('import.cancel', (req) => s.imports.cancel(req.importId));

  broker.on('generator.history', () => s.generator.list());
  broker.on('generator.remember', (req) => s.generator.remember(req.value));
  broker.on('generator.clearHistory', () => s.generator.clear());
  broker.on('generator.siteRules', async (req) => siteRulesFor(req.url ?? (await s.suggestions.activeTabUrl(req.tabId))));

  broker.on('health.status', () => s.health.status());
  broker.on('health.start', () => s.health.start());
  broker.on('health.cancel', () => s.health.cancel());
  broker.on('health.report', () => s.health.view());
  broker.on('health.summary', () => s.health.summary());

  broker.on('clipboard.copied', (req) => s.clipboard.copied(req.value));
  broker.on('activity.ping', async () => {
    if (await s.vault.isUnlocked()) unlockedChanged();
  });
}
