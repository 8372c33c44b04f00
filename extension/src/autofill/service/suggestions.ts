// Current-site suggestions for the popup: the logins whose URLs match the active tab's page,
// best match first. The page URL comes from the browser's tab, never from a page.
import { browser } from 'wxt/browser';
import type { Overview } from '@keyhold/shared/items/item';
import { matchOverview } from '../match-overview';
import type { VaultService } from '../../vault/vault-service';
import type { ListRow } from '../../vault/list-row';

const MAX_SUGGESTIONS = 8;

/** The logins among `candidates` that match `pageUrl`, best match first, at most MAX_SUGGESTIONS. */
export function rankSuggestions(candidates: Iterable<Overview>, pageUrl: string): Overview[] {
  const scored: { overview: Overview; quality: number }[] = [];
  for (const overview of candidates) {
    if (overview.type !== 'login' || typeof overview.trashedAt === 'number') continue;
    const quality = matchOverview(overview, pageUrl);
    if (quality > 0) scored.push({ overview, quality });
  }
  scored.sort((a, b) => b.quality - a.quality || Number(b.overview.updatedAt) - Number(a.overview.updatedAt));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.overview);
}

export function createSuggestions(deps: { vault: Pick<VaultService, 'ifUnlocked'> }) {
  /** The page the popup speaks for: the named tab, else the active tab; null unless http(s). */
  async function activeTabUrl(tabId?: number): Promise<string | null> {
    const tab =
      tabId !== undefined
        ? await browser.tabs.get(tabId).catch(() => undefined)
        : (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];
    const url = tab?.url;
    return url && /^https?:/i.test(url) ? url : null;
  }

  return {
    activeTabUrl,
    async forActiveTab(tabId?: number): Promise<{ suggestions: ListRow[]; pageUrl: string | null }> {
      const pageUrl = await activeTabUrl(tabId);
      if (!pageUrl) return { suggestions: [], pageUrl };
      const suggestions = await deps.vault.ifUnlocked((state) =>
        rankSuggestions(state.index.candidatesFor(pageUrl), pageUrl).map((o) => state.index.rowOf(o.id)),
      );
      return { suggestions: suggestions ?? [], pageUrl };
    },
  };
}
