/**
 * A saved login matched against a page of a related site (site-data/related-domains.ts): a login
 * for gap.com offered on gapcanada.ca. Only what the user left to the site — a URL in registrable
 * domain mode — spreads to related sites; a login pinned to a host, a path or a pattern does not.
 * Every other rule of match-item-url.ts holds as it does for the site itself: the page must be
 * fillable, an https login never goes to an http page, hosts compare in their ASCII form, and IP
 * addresses and localhost have no related sites. The match names the related site ("via"), which
 * the UI shows as "from gap.com", and ranks below every match of the page's own site.
 */
import type { RelatedSite } from '../site-data/related-domains';
import { relatedSiteOf } from '../site-data/related-domains';
import { DEFAULT_MATCH_MODE, MATCH_QUALITY, type ConcreteMatchMode, type UrlMatchMode } from './match-mode';
import { parseSiteUrl, type SiteUrl } from './parse-site-url';

export type RelatedMatch = { match: false } | { match: true; quality: number; via: string };

const NO_MATCH: RelatedMatch = { match: false };

export function matchRelatedUrl(input: {
  page: SiteUrl;
  itemUrl: string;
  mode: UrlMatchMode;
  defaultMode?: ConcreteMatchMode;
  related: readonly RelatedSite[];
}): RelatedMatch {
  const { page, related } = input;
  if (related.length === 0) return NO_MATCH;
  const mode = input.mode === 'default' ? (input.defaultMode ?? DEFAULT_MATCH_MODE) : input.mode;
  if (mode !== 'base-domain') return NO_MATCH;
  const parsed = parseSiteUrl(input.itemUrl, { schemeless: 'assume-https' });
  if (!parsed.ok || parsed.url.isIp) return NO_MATCH;
  if (parsed.url.scheme === 'https' && page.scheme === 'http') return NO_MATCH;
  const site = relatedSiteOf(parsed.url.host, related);
  return site === null ? NO_MATCH : { match: true, quality: MATCH_QUALITY.related, via: site.domain };
}
