// The logins that match a page, best first: the shared matcher per saved URL and match mode
// (registrable domain by default, https never into http, look-alikes never), ranked by match
// quality, then recent use, then name (@keyhold/shared/url/rank-matches).
import type { Overview } from '@keyhold/shared/items/item';
import type { LoginOverview } from '@keyhold/shared/items/types/login';
import { rankMatches } from '@keyhold/shared/url/rank-matches';
import type { Unlocked } from '../../vault/session';

export type MatchedLogin = LoginOverview;

function isLiveLogin(overview: Overview | null | undefined): overview is MatchedLogin {
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

export function siteLogins(state: Pick<Unlocked, 'index'>, pageUrl: string, recentUse: ReadonlyMap<string, number>): MatchedLogin[] {
  const logins: MatchedLogin[] = [];
  for (const overview of state.index.overviews()) if (isLiveLogin(overview)) logins.push(overview);
  return rankMatches(logins, pageUrl, { recentUse }).map((ranked) => ranked.item);
}

/** The login with this id, if it exists, is not trashed, and matches the page. */
export function matchingLogin(state: Pick<Unlocked, 'index'>, pageUrl: string, itemId: string): MatchedLogin | null {
  const overview = state.index.overview(itemId);
  if (!isLiveLogin(overview)) return null;
  return rankMatches([overview], pageUrl).length > 0 ? overview : null;
}
