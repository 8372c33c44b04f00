// The related sites of a page (shared/site-data/related-domains.ts): the built-in groups the user
// left on and the user's own, from the settings. Background only: it brings the groups' data.
import { groupsInForce, relatedSites, type RelatedGroup, type RelatedSite } from '@keyhold/shared/site-data/related-domains';
import { parseSiteUrl } from '@keyhold/shared/url/parse-site-url';
import type { Settings } from '../../vault/settings';

export type RelatedSites = (pageUrl: string) => Promise<RelatedSite[]>;

export function createRelatedSites(settings: { get(): Promise<Pick<Settings, 'relatedDomains'>> }): RelatedSites {
  let cached: { key: string; groups: RelatedGroup[] } | null = null;
  return async (pageUrl) => {
    const page = parseSiteUrl(pageUrl, { schemeless: 'reject' });
    if (!page.ok || page.url.registrableDomain === null) return [];
    const choice = (await settings.get()).relatedDomains;
    const key = JSON.stringify(choice);
    if (cached?.key !== key) cached = { key, groups: groupsInForce(choice) };
    return relatedSites(page.url.host, cached.groups);
  };
}
