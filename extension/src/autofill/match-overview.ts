// How well a login's saved URLs match a page: 0 = not at all, higher = better (exact beats
// host beats registrable domain). Each saved URL is checked with its own match mode through the
// shared matcher, which enforces the scheme and look-alike rules.
import type { Overview } from '@keyhold/shared/items/item';
import { isLoginUrl } from '@keyhold/shared/items/types/login';
import { matchItemUrl } from '@keyhold/shared/url/match-item-url';

export function matchOverview(overview: Overview, pageUrl: string): number {
  if (overview.type !== 'login' || !Array.isArray(overview.urls)) return 0;
  let best = 0;
  for (const saved of overview.urls as unknown[]) {
    if (!isLoginUrl(saved)) continue;
    const result = matchItemUrl({ pageUrl, itemUrl: saved.url, mode: saved.match });
    if (result.match && result.quality > best) best = result.quality;
  }
  return best;
}
