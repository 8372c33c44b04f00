// A real vault (fake-indexeddb, KDF at its floors) and the autofill services over in-memory stores,
// for background tests. Senders are built the way messaging/sender.ts builds them from the browser.
import 'fake-indexeddb/auto';
import { newItem } from '@keyhold/shared/items/new-item';
import type { LoginItem } from '@keyhold/shared/items/item';
import { vaultWorld } from '../../helpers/vault-world';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/vault/settings';
import type { SenderInfo } from '../../../src/messaging/sender';
import type { FillRequest, FillResponse } from '../../../src/autofill/messages';
import { createMemoryStore } from '../../../src/autofill/service/key-value-store';
import { createTabMemory } from '../../../src/autofill/service/tab-memory';
import { createRecentUse } from '../../../src/autofill/service/recent-use';
import { createFillTokens } from '../../../src/autofill/service/fill-tokens';
import { createFillService } from '../../../src/autofill/service/fill-service';
import { createSaveService } from '../../../src/autofill/service/save-service';
import { createNeverSave } from '../../../src/autofill/service/never-save';
import { createRelatedSites } from '../../../src/autofill/service/related-sites';
import { createCertErrors } from '../../../src/autofill/service/cert-errors';

export const PASSWORD = 'correct horse battery staple 42';

export async function createWorld(options: { settings?: Partial<Settings> } = {}) {
  let clock = 1_700_000_000_000;
  const now = () => clock;
  const { db, vault, items } = vaultWorld({ now });
  const memory = createTabMemory(createMemoryStore());
  const local = createMemoryStore();
  const recentUse = createRecentUse(local);
  const tokens = createFillTokens({ now });
  const copied: string[] = [];
  const remembered: string[] = [];
  // Mutable: a test may change a setting (its related-domain groups) between steps.
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const related = createRelatedSites({ get: async () => settings });
  const certErrors = createCertErrors(local, now);
  const fills = createFillService({
    vault,
    items,
    settings: { get: async () => settings },
    clipboard: { copied: async (value) => void copied.push(value) },
    memory,
    recentUse,
    tokens,
    now,
    related,
    certErrors,
  });
  const saves = createSaveService({
    vault,
    items,
    generator: { remember: async (v) => void remembered.push(v) },
    memory,
    neverSave: createNeverSave(local),
    recentUse,
    now,
    related,
  });
  await vault.create(PASSWORD);

  async function login(fields: Partial<Omit<LoginItem, 'type'>> & { urls: LoginItem['urls'] }): Promise<LoginItem> {
    const item = newItem('login', { name: 'Example', username: 'ada', password: 'pw-saved', ...fields }, clock);
    await items.save(item);
    return item;
  }

  /**
   * A fill chosen in an inline menu, as the engine makes it: the menu's offer (autofill.menu) first,
   * whose token the request then carries.
   */
  async function viaMenu(sender: SenderInfo, topUrl: string | null, request: FillRequest): Promise<FillResponse> {
    const offer = await fills.offer(sender, topUrl, { forMenu: true });
    const token = offer.state === 'unlocked' && offer.menuToken !== null ? offer.menuToken : crypto.randomUUID();
    return fills.fill(sender, topUrl, request.gesture.kind === 'menu' ? { ...request, gesture: { kind: 'menu', token } } : request);
  }

  return {
    viaMenu,
    db,
    vault,
    items,
    memory,
    tokens,
    fills,
    saves,
    copied,
    remembered,
    settings,
    related,
    certErrors,
    login,
    advance(ms: number) {
      clock += ms;
    },
    close: () => db.close(),
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

export function content(url: string, options: { tabId?: number; frameId?: number; origin?: string } = {}): SenderInfo {
  let origin = options.origin;
  if (origin === undefined) {
    try {
      origin = new URL(url).origin;
    } catch {
      origin = 'null';
    }
  }
  return { kind: 'content', url, origin, tabId: options.tabId ?? 1, frameId: options.frameId ?? 0 };
}

export const url = (u: string) => [{ url: u, match: 'default' as const }];
