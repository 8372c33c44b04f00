// Passkeys in the background: the broker handlers for the page scripts (the main-world wrapper of
// navigator.credentials and its bridge, listed in the manifest by wxt.config.ts), for Keyhold's
// dialog (an extension window per pending request), and for the inline menu, which offers the
// site's passkeys to a conditional get. Registered synchronously at start-up.
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { SenderInfo } from '../../messaging/sender';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import { createPasskeyService, type CallSite, type MenuSite } from '../../passkeys/service/passkey-service';
import { createFillTokens } from '../../autofill/service/fill-tokens';
import { injectEngine } from '../autofill/start-autofill';
import { UserError } from '../../common/user-error';
import { t } from '../../i18n/messages';
import type { Settings } from '../../vault/settings';

const refuse = () => new UserError('FORBIDDEN', t('error_not_allowed'));

async function callSite(sender: SenderInfo): Promise<CallSite> {
  if (sender.kind !== 'content') throw refuse();
  let topOrigin = sender.origin;
  if (sender.frameId !== 0) {
    const tabUrl = (await browser.tabs.get(sender.tabId).catch(() => undefined))?.url;
    topOrigin = tabUrl && URL.canParse(tabUrl) ? new URL(tabUrl).origin : 'null';
  }
  return { origin: sender.origin, topOrigin, tabId: sender.tabId, frameId: sender.frameId };
}

function menuSite(sender: SenderInfo): MenuSite {
  if (sender.kind !== 'content' || sender.origin === 'null') throw refuse();
  return { origin: sender.origin, tabId: sender.tabId, frameId: sender.frameId };
}

/** A passkey's key in a menu token's grant (fill-tokens.ts binds a token to the entries its menu offered). */
const choiceKey = (itemId: string, passkeyId: string) => `${itemId}/${passkeyId}`;

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
  // The inline menu's one-use tokens, as for a fill chosen in it: issued when the user opened the
  // menu in a frame, good for one of the passkeys that menu offered, in that tab and frame.
  const menuTokens = createFillTokens({ now: deps.now });

  browser.windows.onRemoved.addListener((windowId) => {
    for (const [requestId, id] of windows) if (id === windowId) service.dialogClosed(requestId);
  });
  // A document that went away cannot receive an answer: its waiting calls end (a conditional get
  // must not be answered in a menu of the next page of that frame).
  browser.webNavigation.onCommitted.addListener(({ tabId, frameId }) => service.frameGone(tabId, frameId));
  browser.tabs.onRemoved.addListener((tabId) => service.frameGone(tabId));

  const { broker } = deps;
  broker.on('passkeys.create', async (req, sender) => service.create(req.options, await callSite(sender), req.frame, req.callId));
  broker.on('passkeys.get', async (req, sender) => {
    const site = await callSite(sender);
    // A conditional get is answered in the username field's menu: the autofill engine (which a page
    // without a password field loads only once a field is focused) is loaded now, so the user's
    // first click in the field opens the menu.
    if (req.conditional) void injectEngine(site.tabId, [site.frameId]);
    return service.get(req.options, site, req.frame, { callId: req.callId, conditional: req.conditional });
  });
  broker.on('passkeys.abort', async (req, sender) => service.aborted((await callSite(sender)).tabId, req.callId));
  broker.on('passkeys.pending', (req) => service.view(req.requestId));
  broker.on('passkeys.decide', (req) => service.decide(req.requestId, req.decision, req.password));
  broker.on('passkeys.menu', async (_req, sender) => {
    const site = menuSite(sender);
    const found = await service.menuChoices(site);
    if (found.length === 0) return { token: null, choices: [] };
    const token = menuTokens.issueMenu({ ...site, itemIds: found.map((c) => choiceKey(c.itemId, c.passkeyId)) });
    return { token, choices: found.map(({ itemId, passkeyId, userName, itemName }) => ({ itemId, passkeyId, userName, itemName })) };
  });
  broker.on('passkeys.chooseInMenu', async ({ token, itemId, passkeyId }, sender) => {
    const site = menuSite(sender);
    if (!menuTokens.redeemMenu(token, { tabId: site.tabId, frameId: site.frameId, itemId: choiceKey(itemId, passkeyId) })) throw refuse();
    await service.chooseInMenu(site, itemId, passkeyId);
  });
}
