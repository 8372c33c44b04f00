// One-use tokens that carry a trusted gesture the background saw (keyboard shortcut, context menu,
// popup) to the one frame it chose: the frame answers with the token, and its fill is allowed only
// if the token names that tab, frame and item and is a few seconds old at most. In memory only: a
// service worker restart drops them, and the user presses again.
//
// A menu token is the same idea for the inline menu: issued when a menu opens in a frame (the user
// clicked or pressed a key in the field), good for ONE fill of one of the logins that menu offered,
// in that tab and frame, for as long as a menu is reasonably left open.
const TOKEN_MS = 10_000;
const MENU_TOKEN_MS = 5 * 60_000;
/** Bounds the grants a frame can pile up by opening menus and never choosing. */
const MAX_MENU_GRANTS = 64;

type Grant = { tabId: number; frameId: number; itemId: string; expires: number };
type MenuGrant = { tabId: number; frameId: number; itemIds: ReadonlySet<string>; expires: number };

export function createFillTokens(deps: { now: () => number }) {
  const grants = new Map<string, Grant>();
  const menus = new Map<string, MenuGrant>();
  return {
    /** A token for one menu opening; an older menu of the same frame stops counting. */
    issueMenu(grant: { tabId: number; frameId: number; itemIds: readonly string[] }): string {
      for (const [token, old] of menus) {
        if (old.expires <= deps.now() || (old.tabId === grant.tabId && old.frameId === grant.frameId)) menus.delete(token);
      }
      if (menus.size >= MAX_MENU_GRANTS) menus.delete(menus.keys().next().value!);
      const token = crypto.randomUUID();
      menus.set(token, { tabId: grant.tabId, frameId: grant.frameId, itemIds: new Set(grant.itemIds), expires: deps.now() + MENU_TOKEN_MS });
      return token;
    },
    /** Consumes a menu token; true only for its tab and frame, a login its menu offered, in time. */
    redeemMenu(token: string, at: { tabId: number; frameId: number; itemId: string }): boolean {
      const grant = menus.get(token);
      menus.delete(token);
      return (
        grant !== undefined && grant.expires > deps.now() && grant.tabId === at.tabId && grant.frameId === at.frameId && grant.itemIds.has(at.itemId)
      );
    },
    issue(grant: Omit<Grant, 'expires'>): string {
      for (const [token, old] of grants) if (old.expires <= deps.now()) grants.delete(token);
      const token = crypto.randomUUID();
      grants.set(token, { ...grant, expires: deps.now() + TOKEN_MS });
      return token;
    },
    /** Consumes the token; true only for the tab, frame and item it was issued for, in time. */
    redeem(token: string, at: { tabId: number; frameId: number; itemId: string }): boolean {
      const grant = grants.get(token);
      grants.delete(token);
      return (
        grant !== undefined && grant.expires > deps.now() && grant.tabId === at.tabId && grant.frameId === at.frameId && grant.itemId === at.itemId
      );
    },
  };
}

export type FillTokens = ReturnType<typeof createFillTokens>;
