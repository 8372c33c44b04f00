// Autofill in the background: the broker handlers for the content scripts and the popup's "fill",
// the keyboard shortcut (commands API), the context-menu entry, loading the engine into frames that
// ask for it, and showing a pending save prompt again after the navigation that follows a login.
// Registered synchronously at start-up with the rest of the background (MV3 event model).
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { SenderInfo } from '../../messaging/sender';
import { ENGINE_SLOT, type ProbeReply, type TabMessage } from '../../autofill/messages';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import type { Settings } from '../../vault/settings';
import { createBrowserStore } from '../../autofill/service/key-value-store';
import { createFillService } from '../../autofill/service/fill-service';
import { createFillTokens } from '../../autofill/service/fill-tokens';
import { createTabFiller, type FrameProbe } from '../../autofill/service/fill-in-tab';
import { createNeverSave } from '../../autofill/service/never-save';
import { createRecentUse } from '../../autofill/service/recent-use';
import { createSaveService } from '../../autofill/service/save-service';
import { createTabMemory } from '../../autofill/service/tab-memory';
import { createRelatedSites } from '../../autofill/service/related-sites';
import { createCertErrors } from '../../autofill/service/cert-errors';
import { FILL_COMMAND } from '../../autofill/commands';
import { t } from '../../i18n/messages';

const CONTEXT_MENU_ID = 'keyhold-fill';
const ENGINE_FILE = '/content-scripts/autofill-engine.js';
// The always-on script (entrypoints/autofill-boot), registered here rather than in the manifest. It
// runs in the page's main world and reaches the background through the manifest's isolated-world
// bridge (autofill/content/start-boot.ts says why).
const BOOT_SCRIPT = {
  id: 'keyhold-autofill-boot',
  js: ['autofill-boot.js'],
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle' as const,
  world: 'MAIN' as const,
  persistAcrossSessions: true,
};

/** Registers the always-on script unless it is registered already (`fresh`: replace it, after an update). */
async function registerBootScript(fresh: boolean): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [BOOT_SCRIPT.id] });
  if (existing.length > 0 && !fresh) return;
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [BOOT_SCRIPT.id] });
  await browser.scripting.registerContentScripts([BOOT_SCRIPT]);
}

export type AutofillDeps = {
  broker: Broker;
  vault: VaultService;
  items: ItemService;
  settings: { get(): Promise<Settings> };
  generator: { remember(value: string): Promise<void> };
  clipboard: { copied(value: string): Promise<unknown> };
  now: () => number;
};

async function tabUrl(tabId: number): Promise<string | null> {
  return (await browser.tabs.get(tabId).catch(() => undefined))?.url ?? null;
}

/** Loads the autofill engine into frames of a tab (also for a page's conditional passkey request: start-passkeys.ts). */
export async function injectEngine(tabId: number, frames: number[] | 'all'): Promise<void> {
  const target = frames === 'all' ? { tabId, allFrames: true } : { tabId, frameIds: frames };
  await browser.scripting.executeScript({ target, files: [ENGINE_FILE] }).catch(() => undefined);
}

/**
 * Every frame's engine answers from its slot in the content script's isolated world. A tab where no
 * frame has loaded the engine yet (its fields appeared after load and nothing was focused) gets it
 * now: the user asked for a fill.
 */
async function probeFrames(tabId: number): Promise<FrameProbe[]> {
  const probes = await probeLoadedFrames(tabId);
  if (probes.length > 0) return probes;
  await injectEngine(tabId, 'all');
  return probeLoadedFrames(tabId);
}

async function probeLoadedFrames(tabId: number): Promise<FrameProbe[]> {
  const results = await browser.scripting
    .executeScript({
      target: { tabId, allFrames: true },
      args: [ENGINE_SLOT],
      // Runs in each frame's content-script world; the probe is asynchronous (frame-visibility.ts).
      func: async (slot: string) => {
        const engine = (globalThis as Record<symbol, { probe(): Promise<unknown> } | undefined>)[Symbol.for(slot)];
        return engine ? { url: location.href, origin: window.origin, reply: await engine.probe() } : null;
      },
    })
    .catch(() => []);
  return results.flatMap((r) => {
    const value = r.result as { url: string; origin: string; reply: ProbeReply } | null | undefined;
    return value ? [{ frameId: r.frameId, url: value.url, origin: value.origin, reply: value.reply }] : [];
  });
}

/** Starts autofill; answers what the background calls when the vault locks. */
export function startAutofill(deps: AutofillDeps): { locked(): Promise<void> } {
  const session = createBrowserStore('session');
  const local = createBrowserStore('local');
  const memory = createTabMemory(session);
  const recentUse = createRecentUse(local);
  const tokens = createFillTokens({ now: deps.now });
  const related = createRelatedSites(deps.settings);
  const certErrors = createCertErrors(local, deps.now);
  const fills = createFillService({
    vault: deps.vault,
    items: deps.items,
    settings: deps.settings,
    clipboard: deps.clipboard,
    memory,
    recentUse,
    tokens,
    now: deps.now,
    related,
    certErrors,
  });
  const saves = createSaveService({
    vault: deps.vault,
    items: deps.items,
    generator: deps.generator,
    memory,
    neverSave: createNeverSave(local),
    recentUse,
    now: deps.now,
    related,
  });
  const fillInTab = createTabFiller({
    vault: deps.vault,
    memory,
    recentUse,
    tokens,
    now: deps.now,
    probeFrames,
    tabUrl,
    related,
    certErrors,
    sendToFrame: (tabId, frameId, message: TabMessage) => browser.tabs.sendMessage(tabId, message, { frameId }),
  });
  const topUrlOf = (sender: SenderInfo) => (sender.kind === 'content' ? tabUrl(sender.tabId) : Promise.resolve(null));
  const { broker } = deps;

  broker.on('autofill.loadEngine', async (_r, sender) => {
    if (sender.kind === 'content' && sender.origin !== 'null') await injectEngine(sender.tabId, [sender.frameId]);
  });
  broker.on('autofill.query', async (_r, sender) => fills.offer(sender, await topUrlOf(sender)));
  broker.on('autofill.menu', async (_r, sender) => fills.offer(sender, await topUrlOf(sender), { forMenu: true }));
  // Requests are parsed by the broker with the protocol's strict content-script schemas.
  broker.on('autofill.fill', async (request, sender) => fills.fill(sender, await topUrlOf(sender), request));
  broker.on('autofill.generate', (request, sender) => saves.generate(sender, request));
  broker.on('autofill.submitted', async (login, sender) => saves.submitted(sender, await topUrlOf(sender), login));
  broker.on('autofill.savePrompt', ({ promptId, action }, sender) => saves.act(sender, promptId, action));
  broker.on('autofill.openUnlock', async () => {
    try {
      await browser.action.openPopup();
    } catch {
      await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 380, height: 600 });
    }
  });
  // The window speaks for the sender's tab (popup.html?tabId): the form takes that tab's URL from the
  // browser, never from the page.
  broker.on('autofill.openPopup', async ({ start }, sender) => {
    if (sender.kind !== 'content' || sender.origin === 'null') return;
    const url = browser.runtime.getURL(`/popup.html?tabId=${sender.tabId}&start=${start}`);
    await browser.windows.create({ url, type: 'popup', width: 380, height: 600 });
  });
  broker.on('autofill.fillFromPopup', async ({ itemId, tabId }) => {
    const tab = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    if (tab === undefined) return { filled: false };
    return { filled: await fillInTab({ tabId: tab, itemId, target: 'focused' }) };
  });

  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === FILL_COMMAND && tab?.id !== undefined) void fillInTab({ tabId: tab.id, target: 'focused' });
  });
  void registerBootScript(false).catch((error: unknown) => console.warn('Keyhold: could not register the autofill script', error));
  browser.runtime.onInstalled.addListener(() => {
    void registerBootScript(true).catch((error: unknown) => console.warn('Keyhold: could not register the autofill script', error));
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: CONTEXT_MENU_ID,
        title: t('context_menu_fill_login'),
        contexts: ['editable'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CONTEXT_MENU_ID && tab?.id !== undefined)
      void fillInTab({ tabId: tab.id, frameId: info.frameId ?? 0, target: 'context-menu' });
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'complete') return;
    void saves.afterNavigation(tabId).then(async (prompt) => {
      if (prompt === null) return;
      await injectEngine(tabId, [0]);
      await browser.tabs.sendMessage(tabId, { type: 'keyhold:prompt', prompt } satisfies TabMessage, { frameId: 0 }).catch(() => undefined);
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => void memory.forget(tabId));
  // The navigation that shows a certificate warning fails with its net error; a click through it
  // reloads without one, so the error is the only sign an extension gets (service/cert-errors.ts).
  browser.webNavigation.onErrorOccurred.addListener((details) => {
    void certErrors.record(details.url, details.error).catch((error: unknown) => console.warn('Keyhold: could not note a certificate error', error));
  });
  return { locked: () => memory.forgetAll() };
}
