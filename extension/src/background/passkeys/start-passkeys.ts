// Passkeys in the background: the broker handlers for the page scripts (the main-world wrapper of
// navigator.credentials and its bridge, listed in the manifest by wxt.config.ts) and for Keyhold's
// dialog, an extension window per pending request. Registered synchronously at start-up.
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { SenderInfo } from '../../messaging/sender';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import { createPasskeyService, type CallSite } from '../../passkeys/service/passkey-service';
import { UserError } from '../../common/user-error';
import type { Settings } from '../../vault/settings';

async function callSite(sender: SenderInfo): Promise<CallSite> {
  if (sender.kind !== 'content') throw new UserError('FORBIDDEN', 'Not allowed.');
  let topOrigin = sender.origin;
  if (sender.frameId !== 0) {
    const tabUrl = (await browser.tabs.get(sender.tabId).catch(() => undefined))?.url;
    topOrigin = tabUrl && URL.canParse(tabUrl) ? new URL(tabUrl).origin : 'null';
  }
  return { origin: sender.origin, topOrigin, tabId: sender.tabId, frameId: sender.frameId };
}

export function startPasskeys(deps: {
  broker: Broker;
  vault: VaultService;
  items: ItemService;
  settings: { get(): Promise<Settings> };
  now: () => number;
}): void {
  const windows = new Map<string, number>();
  const service = createPasskeyService({
    vault: deps.vault,
    items: deps.items,
    now: deps.now,
    askPassword: async () => (await deps.settings.get()).passkeyAskPassword,
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
  deps.broker.on('passkeys.abort', async (_req, sender) => service.aborted((await callSite(sender)).tabId));
  deps.broker.on('passkeys.pending', (req) => service.view(req.requestId));
  deps.broker.on('passkeys.decide', (req) => service.decide(req.requestId, req.decision, req.password));
}
