// One-use tokens that carry a trusted gesture the background saw (keyboard shortcut, context menu,
// popup) to the one frame it chose: the frame answers with the token, and its fill is allowed only
// if the token names that tab, frame and item and is a few seconds old at most. In memory only: a
// service worker restart drops them, and the user presses again.
const TOKEN_MS = 10_000;

type Grant = { tabId: number; frameId: number; itemId: string; expires: number };

export function createFillTokens(deps: { now: () => number }) {
  const grants = new Map<string, Grant>();
  return {
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
