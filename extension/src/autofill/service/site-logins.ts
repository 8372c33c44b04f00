// The logins that match a page, best first: the shared matcher per saved URL and match mode
// (registrable domain by default, https never into http, look-alikes never), ranked by match
// quality, then recent use, then name (@keyhold/shared/url/rank-matches). Logins of the page's
// related sites (related-sites.ts) follow the site's own, each naming the site it is from (`via`).
import type { Overview } from '@keyhold/shared/items/item';
import type { LoginOverview } from '@keyhold/shared/items/types/login';
import type { RelatedSite } from '@keyhold/shared/site-data/related-domains';
import { rankMatches } from '@keyhold/shared/url/rank-matches';
import type { Unlocked } from '../../vault/session';

/**
 * `via`: the related site this login was saved for, or null when it is the page's own site's.
 * `savedFor`: the other subdomain of this site the login was saved on, when only that matched: it is
 * offered, but filled only after the user confirms it (fill-service.ts), or null.
 */
export type MatchedLogin = LoginOverview & { via: string | null; savedFor: string | null };

function isLiveLogin(overview: Overview | null | undefined): overview is LoginOverview {
  return (
    overview !== null &&
    overview !== undefined &&
    overview.type === 'login' &&
    typeof overview.trashedAt !== 'number' &&
    Array.isArray(overview.urls) &&
    typeof overview.name === 'string' &&
    typeof overview.username === 'string'
  );
}

export function siteLogins(
  state: Pick<Unlocked, 'index'>,
  pageUrl: string,
  recentUse: ReadonlyMap<string, number>,
  related: readonly RelatedSite[] = [],
): MatchedLogin[] {
  const logins: LoginOverview[] = [];
  for (const overview of state.index.overviews()) if (isLiveLogin(overview)) logins.push(overview);
  return rankMatches(logins, pageUrl, { recentUse, related }).map((ranked) => ({ ...ranked.item, via: ranked.via, savedFor: ranked.savedFor }));
}

/** The login with this id, if it exists, is not trashed, and matches the page (or, given them, a related site). */
export function matchingLogin(
  state: Pick<Unlocked, 'index'>,
  pageUrl: string,
  itemId: string,
  related: readonly RelatedSite[] = [],
): MatchedLogin | null {
  const overview = state.index.overview(itemId);
  if (!isLiveLogin(overview)) return null;
  const ranked = rankMatches([overview], pageUrl, { related })[0];
  return ranked ? { ...overview, via: ranked.via, savedFor: ranked.savedFor } : null;
}
