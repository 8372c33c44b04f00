// How well a login's saved URLs match a page: 0 = not at all, higher = better (exact beats
// host beats registrable domain, and any of them beats a login of a related site). Each saved URL is
// checked with its own match mode through the shared matcher, which enforces the scheme and
// look-alike rules; `via` names the related site a login is from (null for the page's own site), and
// `savedFor` the sibling subdomain a login was saved on when only that matched (it needs a confirmation).
import type { Overview } from '@keyhold/shared/items/item';
import { isLoginUrl } from '@keyhold/shared/items/types/login';
import type { RelatedSite } from '@keyhold/shared/site-data/related-domains';
import { matchItemUrl } from '@keyhold/shared/url/match-item-url';
import { matchRelatedUrl } from '@keyhold/shared/url/match-related';
import { parseSiteUrl } from '@keyhold/shared/url/parse-site-url';

export type OverviewMatch = { quality: number; via: string | null; savedFor: string | null };

export function matchOverview(overview: Overview, pageUrl: string, related: readonly RelatedSite[] = []): OverviewMatch {
  const none = { quality: 0, via: null, savedFor: null };
  if (overview.type !== 'login' || !Array.isArray(overview.urls)) return none;
  const saved = (overview.urls as unknown[]).filter(isLoginUrl);
  let best = 0;
  let savedFor: string | null = null;
  for (const { url, match } of saved) {
    const result = matchItemUrl({ pageUrl, itemUrl: url, mode: match });
    if (result.match && result.quality > best) {
      best = result.quality;
      savedFor = result.savedFor ?? null;
    }
  }
  if (best > 0 || related.length === 0) return { quality: best, via: null, savedFor };
  const page = parseSiteUrl(pageUrl, { schemeless: 'reject' });
  if (!page.ok) return none;
  for (const { url, match } of saved) {
    const result = matchRelatedUrl({ page: page.url, itemUrl: url, mode: match, related });
    if (result.match) return { quality: result.quality, via: result.via, savedFor: null };
  }
  return none;
}
