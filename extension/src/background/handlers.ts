// Registers one handler per protocol message. Handlers are thin: they validate the request shape
// at the boundary and call the services, which hold the logic.
import { z } from 'zod';
import { itemIdSchema } from '@keyhold/shared/items/schema-common';
import type { Item } from '@keyhold/shared/items/item';
import { DEFAULT_KDF } from '@keyhold/shared/crypto/kdf-params';
import type { Broker } from '../messaging/broker';
import type { OpenPayload } from '../messaging/protocol';
import { UserError } from '../common/user-error';
import type { VaultService } from '../vault/vault-service';
import type { ItemService } from '../vault/item-service';
import type { ListQuery } from '../vault/overview-index';
import type { SettingsStore } from '../vault/settings-store';
import type { createAutoLock } from '../vault/auto-lock';
import type { createClipboardClear } from '../clipboard/clipboard-clear';
import type { createGeneratorHistory } from '../generator/generator-history';
import { rankSuggestions, type createSuggestions } from '../vault/suggestions';
import { toListRow } from '../vault/list-row';

export type Services = {
  vault: VaultService;
  items: ItemService;
  settings: SettingsStore;
  autoLock: ReturnType<typeof createAutoLock>;
  clipboard: ReturnType<typeof createClipboardClear>;
  generator: ReturnType<typeof createGeneratorHistory>;
  suggestions: ReturnType<typeof createSuggestions>;
};

const password = z.string().min(1).max(4096);
const ids = z.object({ ids: z.array(itemIdSchema).min(1).max(10_000) });
const cost = z.object({ memoryKiB: z.int(), iterations: z.int(), parallelism: z.int() });
const filter = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('favorites') }),
  z.object({ kind: z.literal('trash') }),
  z.object({ kind: z.literal('type'), type: z.string() }),
  z.object({ kind: z.literal('tag'), tag: z.string() }),
  z.object({ kind: z.literal('folder'), folder: z.string() }),
]);
const listQuery = z.object({
  filter,
  query: z.string().max(256),
  offset: z.int().min(0),
  limit: z.int().min(1).max(1000),
});
const patch = z
  .object({
    favorite: z.boolean().optional(),
    folder: z.string().max(200).nullable().optional(),
    addTags: z.array(z.string().max(100)).max(50).optional(),
    removeTags: z.array(z.string().max(100)).max(50).optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserError('INVALID', result.error.issues[0]?.message ?? 'Invalid request.');
  return result.data;
}

export function registerHandlers(broker: Broker, s: Services): void {
  // Rescheduling the auto-lock alarm is browser IPC (tens of ms): it runs beside the reply, not before it.
  const unlockedChanged = () => {
    void s.autoLock.touch().catch((error: unknown) => console.warn('Keyhold: auto-lock not scheduled', error));
  };

  broker.on('vault.status', () => s.vault.status());
  broker.on('vault.create', async (r) => {
    const created = await s.vault.create(parse(password, r?.password));
    unlockedChanged();
    return created;
  });
  broker.on('vault.confirmRecovery', () => s.vault.confirmRecovery());
  const openRequest = z.object({ limit: z.int().min(1).max(500), tabId: z.int().min(0).optional() });
  async function openPayload(limit: number, tabId?: number): Promise<OpenPayload> {
    const [status, site] = await Promise.all([s.vault.status(), s.suggestions.forActiveTab(tabId)]);
    if (status.state !== 'unlocked') return { status, suggestions: [], page: null, pageUrl: null };
    unlockedChanged();
    const page = await s.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit });
    return { status, suggestions: site.suggestions, page, pageUrl: site.pageUrl };
  }

  broker.on('vault.unlock', async (r) => {
    const req = parse(openRequest.partial({ limit: true }).extend({ password }), r);
    const limit = req.limit ?? 50;
    // The tab's URL is looked up while unlock reads the vault, so the KDF waits for neither.
    const preview = await s.vault.unlock(req.password, { pageUrl: s.suggestions.activeTabUrl(req.tabId) });
    unlockedChanged();
    // Answered from the index head when it holds the page asked for; the rest loads after this reply.
    if (preview && (limit <= preview.page.rows.length || preview.page.total <= preview.page.rows.length)) {
      const { pageUrl } = preview;
      const page = { ...preview.page, rows: preview.page.rows.slice(0, limit) };
      const suggestions = pageUrl ? rankSuggestions(preview.candidates, pageUrl).map(toListRow) : [];
      const status = { state: 'unlocked' as const, recoveryConfirmed: preview.recoveryConfirmed, retryAfterMs: 0, itemCount: preview.size };
      return { status, suggestions, page, pageUrl };
    }
    return openPayload(limit, req.tabId);
  });
  broker.on('vault.lock', () => s.vault.lock());
  broker.on('vault.resetWithRecoveryKey', async (r) => {
    const req = parse(z.object({ recoveryKey: z.string().min(1).max(1000), newPassword: password }), r);
    await s.vault.resetWithRecoveryKey(req.recoveryKey, req.newPassword);
    unlockedChanged();
  });
  broker.on('vault.changePassword', (r) => {
    const req = parse(z.object({ currentPassword: password, newPassword: password }), r);
    return s.vault.changePassword(req.currentPassword, req.newPassword);
  });
  broker.on('vault.viewRecoveryKey', (r) => s.vault.viewRecoveryKey(parse(password, r?.password)));
  broker.on('vault.regenerateRecoveryKey', (r) => s.vault.regenerateRecoveryKey(parse(password, r?.password)));
  broker.on('vault.kdf', async () => {
    const status = await s.vault.status();
    if (status.state === 'none') return { memoryKiB: DEFAULT_KDF.memoryKiB, iterations: DEFAULT_KDF.iterations, parallelism: DEFAULT_KDF.parallelism };
    return s.vault.kdfCost();
  });
  broker.on('vault.calibrateKdf', (r) => s.vault.calibrate(parse(cost, r)));
  broker.on('vault.setKdf', (r) => {
    const req = parse(cost.extend({ password }), r);
    return s.vault.setKdf(req.password, { memoryKiB: req.memoryKiB, iterations: req.iterations, parallelism: req.parallelism });
  });

  broker.on('settings.get', () => s.settings.get());
  broker.on('settings.set', async (r) => {
    let next;
    try {
      next = await s.settings.set(r ?? {});
    } catch (error) {
      if (error instanceof z.ZodError) throw new UserError('INVALID', 'That setting is not valid.');
      throw error;
    }
    await s.autoLock.settingsChanged(next);
    return next;
  });

  broker.on('popup.open', (r) => {
    const { limit, tabId } = parse(openRequest, r);
    return openPayload(limit, tabId);
  });
  broker.on('items.list', (r) => s.items.list(parse(listQuery, r) as ListQuery));
  broker.on('items.get', async (r) => ({ item: await s.items.get(parse(z.object({ id: itemIdSchema }), r).id) }));
  broker.on('items.save', (r) => {
    const item = parse(z.object({ item: z.looseObject({ id: itemIdSchema, type: z.string() }) }), r).item;
    return s.items.save(item as unknown as Item);
  });
  broker.on('items.import', (r) => {
    const items = parse(z.object({ items: z.array(z.looseObject({ id: itemIdSchema, type: z.string() })).min(1).max(1000) }), r).items;
    return s.items.importMany(items as unknown as Item[]);
  });
  broker.on('items.trash', (r) => s.items.trash(parse(ids, r).ids));
  broker.on('items.restore', (r) => s.items.restore(parse(ids, r).ids));
  broker.on('items.deleteForever', (r) => s.items.deleteForever(parse(ids, r).ids));
  broker.on('items.update', (r) => {
    const req = parse(ids.extend({ patch }), r);
    return s.items.update(req.ids, req.patch);
  });
  broker.on('items.tagsAndFolders', () => s.items.tagsAndFolders());

  broker.on('generator.history', () => s.generator.list());
  broker.on('generator.remember', (r) => s.generator.remember(parse(z.object({ value: z.string().max(1024) }), r).value));
  broker.on('generator.clearHistory', () => s.generator.clear());

  broker.on('clipboard.copied', (r) => s.clipboard.copied(parse(z.object({ value: z.string().min(1).max(100_000) }), r).value));
  broker.on('activity.ping', async () => {
    if (await s.vault.isUnlocked()) unlockedChanged();
  });
}
