// Passkeys in the background: the two page scripts (the main-world wrapper of navigator.credentials
// and its isolated-world bridge) registered as content scripts, the broker handlers, and Keyhold's
// dialog as an extension window, one per pending request. Registered synchronously at start-up.
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { SenderInfo } from '../../messaging/sender';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import { createPasskeyService, type CallSite } from '../../passkeys/service/passkey-service';
import { UserError } from '../../common/user-error';

// Both at document_start in every frame, so the wrapper is in place before any page script runs.
// Registered rather than listed in the manifest for the reason autofill-boot is (start-autofill.ts).
const SCRIPTS = [
  {
    id: 'keyhold-passkeys-main',
    js: ['passkeys-main.js'],
    matches: ['http://*/*', 'https://*/*'],
    allFrames: true,
    runAt: 'document_start' as const,
    world: 'MAIN' as const,
    persistAcrossSessions: true,
  },
  {
    id: 'keyhold-passkeys-bridge',
    js: ['passkeys-bridge.js'],
    matches: ['http://*/*', 'https://*/*'],
    allFrames: true,
    runAt: 'document_start' as const,
    persistAcrossSessions: true,
  },
];

async function registerScripts(fresh: boolean): Promise<void> {
  const ids = SCRIPTS.map((s) => s.id);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length === SCRIPTS.length && !fresh) return;
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  await browser.scripting.registerContentScripts(SCRIPTS);
}

async function callSite(sender: SenderInfo): Promise<CallSite> {
  if (sender.kind !== 'content') throw new UserError('FORBIDDEN', 'Not allowed.');
  let topOrigin = sender.origin;
  if (sender.frameId !== 0) {
    const tabUrl = (await browser.tabs.get(sender.tabId).catch(() => undefined))?.url;
    topOrigin = tabUrl && URL.canParse(tabUrl) ? new URL(tabUrl).origin : 'null';
  }
  return { origin: sender.origin, topOrigin, tabId: sender.tabId, frameId: sender.frameId };
}

export function startPasskeys(deps: { broker: Broker; vault: VaultService; items: ItemService; now: () => number }): void {
  const windows = new Map<string, number>();
  const service = createPasskeyService({
    vault: deps.vault,
    items: deps.items,
    now: deps.now,
    dialog: {
      async open(requestId) {
        const url = browser.runtime.getURL('/passkey.html') + `?request=${requestId}`;
        const created = await browser.windows.create({ url, type: 'popup', width: 420, height: 560, focused: true });
        if (created?.id !== undefined) windows.set(requestId, created.id);
      },
      close(requestId) {
        const windowId = windows.get(requestId);
        windows.delete(requestId);
        if (windowId !== undefined) void browser.windows.remove(windowId).catch(() => undefined);
      },
    },
  });
  browser.windows.onRemoved.addListener((windowId) => {
    for (const [requestId, id] of windows) if (id === windowId) service.dialogClosed(requestId);
  });

  deps.broker.on('passkeys.create', async (req, sender) => service.create(req.options, await callSite(sender), req.frame));
  deps.broker.on('passkeys.get', async (req, sender) => service.get(req.options, await callSite(sender), req.frame));
  deps.broker.on('passkeys.pending', (req) => service.view(req.requestId));
  deps.broker.on('passkeys.decide', (req) => service.decide(req.requestId, req.decision));

  void registerScripts(false).catch((error: unknown) => console.warn('Keyhold: could not register the passkey scripts', error));
  browser.runtime.onInstalled.addListener(() => {
    void registerScripts(true).catch((error: unknown) => console.warn('Keyhold: could not register the passkey scripts', error));
  });
}
