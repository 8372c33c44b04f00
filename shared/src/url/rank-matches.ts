/**
 * Picks the items that match a page and orders them the way the fill menu shows them: best match
 * first (exact > starts-with > regex > host > base domain), then most recently used, then by name.
 * An item with several URLs counts with its best-matching one. Given the page's related sites, a
 * login saved for one of them comes after every login of the page's own site (match-related.ts),
 * and says which site it is from. A login saved on another subdomain of the site (a `sibling` match,
 * match-item-url.ts) says which host it was saved for (`savedFor`): filling it needs a confirmation.
 */
import { matchItemUrl } from './match-item-url';
import { matchRelatedUrl } from './match-related';
import { parseSiteUrl } from './parse-site-url';
import type { ConcreteMatchMode, UrlMatchMode } from './match-mode';
import type { RelatedSite } from '../site-data/related-domains';

/** Structurally a login overview's `urls` entry (items/types/login.ts). */
export type MatchableUrl = { url: string; match: UrlMatchMode };

export type MatchableItem = { id: string; name: string; urls: readonly MatchableUrl[] };

/**
 * `via`: the related site the login was saved for, or null when it is the page's own site's.
 * `savedFor`: the sibling subdomain the login was saved on when that is all that matched, else null.
 */
export type RankedMatch<T extends MatchableItem> = { item: T; quality: number; via: string | null; savedFor: string | null };

export type RankMatchesOptions = {
  /** Item id → when it was last filled (ms since the epoch); unknown ids count as never used. */
  recentUse?: ReadonlyMap<string, number>;
  defaultMode?: ConcreteMatchMode;
  /** The page's related sites (site-data/related-domains.ts relatedSites); none by default. */
  related?: readonly RelatedSite[];
};

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function rankMatches<T extends MatchableItem>(
  items: readonly T[],
  pageUrl: string,
  { recentUse = new Map(), defaultMode, related = [] }: RankMatchesOptions = {},
): RankedMatch<T>[] {
  const page = parseSiteUrl(pageUrl, { schemeless: 'reject' });
  if (!page.ok) return [];

  const ranked: RankedMatch<T>[] = [];
  for (const item of items) {
    let best = 0;
    let via: string | null = null;
    let savedFor: string | null = null;
    for (const { url, match } of item.urls) {
      const result = matchItemUrl({ pageUrl: page.url, itemUrl: url, mode: match, defaultMode });
      if (result.match && result.quality > best) {
        best = result.quality;
        savedFor = result.savedFor ?? null;
      }
    }
    if (best === 0 && related.length > 0) {
      for (const { url, match } of item.urls) {
        const result = matchRelatedUrl({ page: page.url, itemUrl: url, mode: match, defaultMode, related });
        if (result.match) {
          best = result.quality;
          via = result.via;
          break;
        }
      }
    }
    if (best > 0) ranked.push({ item, quality: best, via, savedFor });
  }

  const lastUsed = (item: T): number => recentUse.get(item.id) ?? -Infinity;
  return ranked.sort(
    (a, b) =>
      b.quality - a.quality ||
      compareDescending(lastUsed(a.item), lastUsed(b.item)) ||
      byName.compare(a.item.name, b.item.name) ||
      (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
  );
}

function compareDescending(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}
