/**
 * Related domains: sites that share one login (Apple's password-manager-resources,
 * quirks/shared-credentials.json, MIT; copy and licence in shared/data/password-manager-resources/),
 * plus the user's own groups, minus the built-in groups the user turned off.
 *
 * Two kinds of entry: a `shared` group, whose every domain takes the others' logins, and a one-way
 * `from` → `to` entry (a site that moved or signs in through another): a login saved on a `from`
 * domain is offered on the `to` domains, never the other way round. A domain covers its subdomains
 * (`signin.costco.com` covers `www.signin.costco.com`, not `costco.com`), as in the rest of that data.
 *
 * The project's README says what this may be used for: suggesting a login on a related site while
 * clearly naming the site it was saved for, never filling without the user's choice. So a related
 * match is always labelled "from <domain>" and ranks below every match of the site itself
 * (rank-matches.ts), and it is subject to the same scheme and frame rules as any match.
 */
import data from '../../data/password-manager-resources/quirks/shared-credentials.json';
import { hostSuffixes } from './host-suffixes';

export type RelatedGroup = { id: string; kind: 'shared'; domains: string[] } | { id: string; kind: 'one-way'; from: string[]; to: string[] };

/** What the user changed: groups of their own, and built-in group ids turned off. */
export type RelatedDomainsChoice = { custom: readonly (readonly string[])[]; disabled: readonly string[] };

export const NO_RELATED_CHOICE: RelatedDomainsChoice = { custom: [], disabled: [] };

type RawEntry = { shared?: string[]; from?: string[]; to?: string[] };

/** Built-in groups, each with a stable id: "shared:" or "from:" and its first domain. */
export const BUILT_IN_GROUPS: readonly RelatedGroup[] = (data as RawEntry[]).flatMap((entry): RelatedGroup[] => {
  if (Array.isArray(entry.shared) && entry.shared.length > 1) return [{ id: `shared:${entry.shared[0]}`, kind: 'shared', domains: entry.shared }];
  if (Array.isArray(entry.from) && Array.isArray(entry.to) && entry.from.length > 0 && entry.to.length > 0)
    return [{ id: `from:${entry.from[0]}`, kind: 'one-way', from: entry.from, to: entry.to }];
  return [];
});

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * A domain as a user may type it into a group, or null: "https://www.Example.com/x" → "example.com"
 * (a leading "www." above the registrable domain names the same site, as in URL matching).
 */
export function normaliseDomain(text: string): string | null {
  let host = text.trim().toLowerCase();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) host = new URL(host).hostname;
    else host = new URL(`https://${host}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '');
  const names = hostSuffixes(host);
  if (!DOMAIN.test(host) || names.length === 0) return null;
  return host.startsWith('www.') && names.length > 1 ? names[1]! : host;
}

/** The groups in force: built-in ones not turned off, and the user's own (at least two valid domains). */
export function groupsInForce(choice: RelatedDomainsChoice = NO_RELATED_CHOICE): RelatedGroup[] {
  const disabled = new Set(choice.disabled);
  const custom = choice.custom.flatMap((domains, i): RelatedGroup[] => {
    const valid = [...new Set(domains.map(normaliseDomain).filter((d): d is string => d !== null))];
    return valid.length > 1 ? [{ id: `custom:${i}`, kind: 'shared', domains: valid }] : [];
  });
  return [...BUILT_IN_GROUPS.filter((g) => !disabled.has(g.id)), ...custom];
}

/** The entry of `domains` that covers a host (given as its hostSuffixes), or null. */
function covering(domains: readonly string[], names: readonly string[]): string | null {
  return domains.find((d) => names.includes(d)) ?? null;
}

/**
 * A related site whose logins may be offered on `host`: its domain, and the group saying so. The
 * page's own site is never in the list.
 */
export type RelatedSite = { domain: string; groupId: string };

export function relatedSites(host: string, groups: readonly RelatedGroup[]): RelatedSite[] {
  const names = hostSuffixes(host);
  const out = new Map<string, RelatedSite>();
  if (names.length === 0) return [];
  for (const group of groups) {
    const at = covering(group.kind === 'shared' ? group.domains : group.to, names);
    if (at === null) continue;
    const sources = group.kind === 'shared' ? group.domains : group.from;
    for (const domain of sources) {
      if (!names.includes(domain) && !out.has(domain)) out.set(domain, { domain, groupId: group.id });
    }
  }
  return [...out.values()];
}

/** Whether a saved URL's host lies on a related site: the site's domain if so. */
export function relatedSiteOf(itemHost: string, related: readonly RelatedSite[]): RelatedSite | null {
  const names = hostSuffixes(itemHost);
  return related.find((site) => names.includes(site.domain)) ?? null;
}
