// Related domains in matching: a login saved for one site of a group is offered on the others,
// named by the site it is from, below every login of the page's own site, and under the same
// scheme rule as any match. Only logins left to the registrable domain spread.
import { describe, expect, it } from 'vitest';
import { groupsInForce, relatedSites } from '../../src/site-data/related-domains';
import { rankMatches } from '../../src/url/rank-matches';
import { matchRelatedUrl } from '../../src/url/match-related';
import { parseSiteUrl, type SiteUrl } from '../../src/url/parse-site-url';
import { MATCH_QUALITY } from '../../src/url/match-mode';
import type { UrlMatchMode } from '../../src/url/match-mode';

const groups = groupsInForce({ custom: [['gap.com', 'gapcanada.ca']], disabled: [] });
const page = (url: string): SiteUrl => {
  const parsed = parseSiteUrl(url);
  if (!parsed.ok) throw new Error(url);
  return parsed.url;
};
const relatedTo = (url: string) => relatedSites(page(url).host, groups);
const login = (id: string, url: string, match: UrlMatchMode = 'default') => ({ id, name: id, urls: [{ url, match }] });

describe('matchRelatedUrl', () => {
  const onCanada = { page: page('https://www.gapcanada.ca/signin'), related: relatedTo('https://www.gapcanada.ca/signin') };

  it('matches a login of a related site, naming that site', () => {
    expect(matchRelatedUrl({ ...onCanada, itemUrl: 'https://secure.gap.com/login', mode: 'default' })).toEqual({
      match: true,
      quality: MATCH_QUALITY.related,
      via: 'gap.com',
    });
    expect(matchRelatedUrl({ ...onCanada, itemUrl: 'gap.com', mode: 'base-domain' })).toMatchObject({ match: true });
  });

  it('never takes an https login to an http page', () => {
    const http = { page: page('http://gapcanada.ca/'), related: relatedTo('http://gapcanada.ca/') };
    expect(matchRelatedUrl({ ...http, itemUrl: 'https://gap.com', mode: 'default' })).toEqual({ match: false });
    expect(matchRelatedUrl({ ...http, itemUrl: 'gap.com', mode: 'default' })).toEqual({ match: false });
    expect(matchRelatedUrl({ ...http, itemUrl: 'http://gap.com', mode: 'default' })).toMatchObject({ match: true });
  });

  it('does not spread a login pinned to a host, a path, a pattern, or "never"', () => {
    for (const mode of ['host', 'exact', 'starts-with', 'regex', 'never'] as const)
      expect(matchRelatedUrl({ ...onCanada, itemUrl: 'https://gap.com/', mode }), mode).toEqual({ match: false });
    // ... nor when the user's default mode is not the registrable domain.
    expect(matchRelatedUrl({ ...onCanada, itemUrl: 'https://gap.com/', mode: 'default', defaultMode: 'host' })).toEqual({ match: false });
  });

  it('does not match look-alikes or unrelated sites', () => {
    for (const itemUrl of ['https://gap.com.evil.test', 'https://xn--gp-0ka.com', 'https://notgap.com', 'https://192.168.0.1'])
      expect(matchRelatedUrl({ ...onCanada, itemUrl, mode: 'default' }), itemUrl).toEqual({ match: false });
  });
});

describe('rankMatches with related sites', () => {
  it("puts the site's own logins first, then related ones labelled with their site", () => {
    const items = [login('gap', 'https://gap.com'), login('canada', 'https://gapcanada.ca'), login('other', 'https://example.com')];
    const ranked = rankMatches(items, 'https://gapcanada.ca/signin', { related: relatedTo('https://gapcanada.ca/') });
    expect(ranked.map((r) => [r.item.id, r.via])).toEqual([
      ['canada', null],
      ['gap', 'gap.com'],
    ]);
  });

  it('ranks a related login below even a sibling-subdomain login, whatever its recent use', () => {
    const items = [login('gap', 'https://gap.com'), login('shop', 'https://shop.gapcanada.ca')];
    const ranked = rankMatches(items, 'https://www.gapcanada.ca/', {
      related: relatedTo('https://www.gapcanada.ca/'),
      recentUse: new Map([['gap', Date.now()]]),
    });
    expect(ranked.map((r) => r.item.id)).toEqual(['shop', 'gap']);
  });

  it('without related sites, offers nothing of other sites', () => {
    expect(rankMatches([login('gap', 'https://gap.com')], 'https://gapcanada.ca/')).toEqual([]);
  });

  it('a login that matches the site itself is never labelled as from elsewhere', () => {
    const items = [
      {
        id: 'both',
        name: 'both',
        urls: [
          { url: 'https://gap.com', match: 'default' as const },
          { url: 'https://gapcanada.ca', match: 'default' as const },
        ],
      },
    ];
    expect(rankMatches(items, 'https://gapcanada.ca/', { related: relatedTo('https://gapcanada.ca/') })[0]).toMatchObject({ via: null });
  });
});
