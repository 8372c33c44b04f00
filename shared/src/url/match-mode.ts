/**
 * What the match modes mean for ranking, and what 'default' falls back to.
 *
 * The modes themselves are part of the item schema (URL_MATCH_MODES in items/types/login.ts);
 * 'default' defers to the user's global setting, which is base-domain unless configured. Quality
 * orders the candidates on a page: the more specific the rule that matched, the higher it ranks.
 * A login saved on a specific subdomain and offered on a sibling of it (`sibling`: it needs the user's
 * confirmation first, see match-item-url.ts) ranks below every login of the page's own host or its
 * whole site, and a login saved for a related site (site-data/related-domains.ts) below those.
 */
import type { UrlMatchMode } from '../items/types/login';

export type { UrlMatchMode } from '../items/types/login';

/** A mode the global setting may hold: anything but 'default' itself. */
export type ConcreteMatchMode = Exclude<UrlMatchMode, 'default'>;

export const DEFAULT_MATCH_MODE: ConcreteMatchMode = 'base-domain';

export const MATCH_QUALITY = {
  exact: 7,
  startsWith: 6,
  regex: 5,
  host: 4,
  baseDomain: 3,
  sibling: 2,
  related: 1,
} as const;
