// Current-site suggestions for the popup: the logins whose URLs match the active tab's page, best
// match first, then those of the page's related sites, each row saying the site it is from (or, for a
// login saved on another subdomain of the site, the host it was saved for). The page URL comes from
// the browser's tab, never from a page.
import { browser } from 'wxt/browser';
import type { Overview } from '@keyhold/shared/items/item';
import type { RelatedSite } from '@keyhold/shared/site-data/related-domains';
import { matchOverview } from '../match-overview';
import { fromSite, savedForHost } from '../related-text';
import type { VaultService } from '../../vault/vault-service';
import type { ListRow } from '../../vault/list-row';
import type { OverviewIndex } from '../../vault/overview-index';
import type { RelatedSites } from './related-sites';

const MAX_SUGGESTIONS = 8;

export type Suggested = { overview: Overview; via: string | null; savedFor: string | null };

/** The logins among `candidates` that match `pageUrl` (or a related site), best match first, at most MAX_SUGGESTIONS. */
export function rankSuggestions(candidates: Iterable<Overview>, pageUrl: string, related: readonly RelatedSite[] = []): Suggested[] {
  const scored: (Suggested & { quality: number })[] = [];
  for (const overview of candidates) {
    if (overview.type !== 'login' || typeof overview.trashedAt === 'number') continue;
    const { quality, via, savedFor } = matchOverview(overview, pageUrl, related);
    if (quality > 0) scored.push({ overview, quality, via, savedFor });
  }
  scored.sort((a, b) => b.quality - a.quality || Number(b.overview.updatedAt) - Number(a.overview.updatedAt));
  return scored.slice(0, MAX_SUGGESTIONS).map(({ overview, via, savedFor }) => ({ overview, via, savedFor }));
}

/** A suggestion's list row, saying which related site it is from, or which other subdomain it was saved for. */
export function suggestionRow(row: ListRow, match: Pick<Suggested, 'via' | 'savedFor'>): ListRow {
  if (match.via !== null) return { ...row, from: fromSite(match.via) };
  return match.savedFor === null ? row : { ...row, from: savedForHost(match.savedFor) };
}

/** The index's candidates for a page and for each of its related sites, each once. */
function candidatesWithRelated(index: Pick<OverviewIndex, 'candidatesFor'>, pageUrl: string, related: readonly RelatedSite[]): Overview[] {
  const all = [index.candidatesFor(pageUrl), ...related.map((site) => index.candidatesFor(`https://${site.domain}/`))].flat();
  return [...new Map(all.map((overview) => [overview.id, overview])).values()];
}

export function createSuggestions(deps: { vault: Pick<VaultService, 'ifUnlocked'>; related: RelatedSites }) {
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
    /** Whether the page has related sites (their logins are in other site buckets than the page's). */
    async hasRelated(pageUrl: string | null): Promise<boolean> {
      return pageUrl !== null && (await deps.related(pageUrl)).length > 0;
    },
    async forActiveTab(tabId?: number): Promise<{ suggestions: ListRow[]; pageUrl: string | null }> {
      const pageUrl = await activeTabUrl(tabId);
      if (!pageUrl) return { suggestions: [], pageUrl };
      const related = await deps.related(pageUrl);
      const suggestions = await deps.vault.ifUnlocked((state) =>
        rankSuggestions(candidatesWithRelated(state.index, pageUrl, related), pageUrl, related).map((s) =>
          suggestionRow(state.index.rowOf(s.overview.id), s),
        ),
      );
      return { suggestions: suggestions ?? [], pageUrl };
    },
  };
}
