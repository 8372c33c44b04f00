/**
 * Decides whether one saved item URL matches the page the user is on, under the item's match mode.
 *
 * Security invariants (docs/architecture.md, "Autofill rules"), each with a test in test/url/:
 * - the page must be fillable: http(s), no credentials in the URL (parse-site-url.ts);
 * - an item saved for https:// never matches an http:// page, in any mode; items typed without a
 *   scheme count as https. An http:// item may match an https:// page (the site moved to TLS);
 * - hosts are compared in ASCII form, so homographs and look-alike hosts never compare equal;
 * - registrable domains come from the public suffix list (private section included); a host with no
 *   registrable domain (an IP address, localhost, a public suffix itself) must match in full, and
 *   by port too if the item names one;
 * - regex rules run on a linear-time matcher and must match the whole page URL;
 * - in registrable-domain mode, a login saved on the bare domain (or www.) covers the whole site, but
 *   one saved on a specific subdomain (accounts.example.com) matches another subdomain of the site
 *   (shop.example.com, where an XSS would be enough to ask for it) only as a `sibling` match that
 *   names the host it was saved for: the user confirms it once, naming both hosts, and the
 *   confirmation is remembered on the item as a website of its own (autofill/service/fill-service.ts).
 */
import { parseSiteUrl } from './parse-site-url';
import type { SiteUrl } from './parse-site-url';
import { DEFAULT_MATCH_MODE, MATCH_QUALITY } from './match-mode';
import type { ConcreteMatchMode, UrlMatchMode } from './match-mode';
import { compileUrlPattern } from './regex/compile-url-pattern';
import type { UrlPattern } from './regex/compile-url-pattern';

/** `savedFor`: set on a sibling-subdomain match only, the host the login was saved on. */
export type MatchResult = { match: false } | { match: true; quality: number; savedFor?: string };

export type MatchItemUrlInput = {
  /** The page's URL as the browser reports it, or already parsed with parseSiteUrl. */
  pageUrl: string | SiteUrl;
  /** The item's saved URL; in 'regex' mode, the pattern. */
  itemUrl: string;
  mode: UrlMatchMode;
  /** What 'default' means: the user's global setting. */
  defaultMode?: ConcreteMatchMode;
};

const NO_MATCH: MatchResult = { match: false };
// A regex rule is "saved for https" unless it says otherwise at its start: `http:` or `https?:`.
const PLAIN_HTTP_PATTERN = /^\^?(?:http:|https\?:)/i;
const PATTERN_CACHE_LIMIT = 256;
const patternCache = new Map<string, UrlPattern | null>();

export function matchItemUrl({ pageUrl, itemUrl, mode, defaultMode = DEFAULT_MATCH_MODE }: MatchItemUrlInput): MatchResult {
  const page = typeof pageUrl === 'string' ? parsePage(pageUrl) : pageUrl;
  if (page === null) return NO_MATCH;
  const effectiveMode = mode === 'default' ? defaultMode : mode;

  if (effectiveMode === 'never') return NO_MATCH;
  if (effectiveMode === 'regex') return matchPattern(page, itemUrl);

  const parsedItem = parseSiteUrl(itemUrl, { schemeless: 'assume-https' });
  if (!parsedItem.ok) return NO_MATCH;
  const item = parsedItem.url;
  if (item.scheme === 'https' && page.scheme === 'http') return NO_MATCH;

  switch (effectiveMode) {
    case 'exact':
      return sameOrigin(item, page) && item.path + item.search === page.path + page.search ? matched(MATCH_QUALITY.exact) : NO_MATCH;
    case 'starts-with':
      return sameOrigin(item, page) && (page.path + page.search).startsWith(item.path + item.search) ? matched(MATCH_QUALITY.startsWith) : NO_MATCH;
    case 'host':
      return sameHostIgnoringWww(item, page) && item.port === page.port ? matched(MATCH_QUALITY.host) : NO_MATCH;
    case 'base-domain':
      return matchBaseDomain(item, page);
  }
}

function parsePage(raw: string): SiteUrl | null {
  const parsed = parseSiteUrl(raw, { schemeless: 'reject' });
  return parsed.ok ? parsed.url : null;
}

function matched(quality: number): MatchResult {
  return { match: true, quality };
}

/** Host and port; the scheme rule has been applied already. */
function sameOrigin(item: SiteUrl, page: SiteUrl): boolean {
  return item.host === page.host && item.port === page.port;
}

function matchBaseDomain(item: SiteUrl, page: SiteUrl): MatchResult {
  if (item.registrableDomain === null || page.registrableDomain === null) {
    const samePort = item.port === null || item.port === page.port;
    return item.host === page.host && samePort ? matched(MATCH_QUALITY.baseDomain) : NO_MATCH;
  }
  if (item.registrableDomain !== page.registrableDomain) return NO_MATCH;
  const itemHost = withoutWww(item);
  if (itemHost === withoutWww(page)) return matched(item.port === page.port ? MATCH_QUALITY.host : MATCH_QUALITY.baseDomain);
  // Saved for the whole site (its bare domain or www.): any subdomain of it.
  if (itemHost === item.registrableDomain) return matched(MATCH_QUALITY.baseDomain);
  // Saved on one subdomain and asked for on another: only with the user's confirmation.
  return { match: true, quality: MATCH_QUALITY.sibling, savedFor: itemHost };
}

function sameHostIgnoringWww(item: SiteUrl, page: SiteUrl): boolean {
  return withoutWww(item) === withoutWww(page);
}

/**
 * "www.example.com" and "example.com" are one site by near-universal convention. The label is dropped
 * only when it sits above the registrable domain: in "www.co.uk" it is the registrable domain's own
 * label, and "co.uk" (a public suffix) is someone else entirely.
 */
function withoutWww(url: SiteUrl): string {
  const { host, registrableDomain } = url;
  if (registrableDomain === null || host === registrableDomain || !host.startsWith('www.')) return host;
  return host.slice('www.'.length);
}

function matchPattern(page: SiteUrl, source: string): MatchResult {
  if (page.scheme === 'http' && !PLAIN_HTTP_PATTERN.test(source)) return NO_MATCH;
  const pattern = cachedPattern(source);
  return pattern !== null && pattern.matches(page.href) ? matched(MATCH_QUALITY.regex) : NO_MATCH;
}

function cachedPattern(source: string): UrlPattern | null {
  const cached = patternCache.get(source);
  if (cached !== undefined) return cached;
  const compiled = compileUrlPattern(source);
  const pattern = compiled.ok ? compiled.pattern : null;
  if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear();
  patternCache.set(source, pattern);
  return pattern;
}
