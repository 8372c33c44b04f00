/**
 * Where a site's password is changed: the page Apple's password-manager-resources names for it
 * (quirks/change-password-URLs.json, MIT; copy and licence in shared/data/password-manager-resources/),
 * else the site's own well-known URL, https://<host>/.well-known/change-password (W3C "A Well-Known
 * URL for Changing Passwords"), which a site that supports it redirects to its page.
 */
import data from '../../data/password-manager-resources/quirks/change-password-URLs.json';
import { parseSiteUrl } from '../url/parse-site-url';
import { hostSuffixes } from './host-suffixes';

const URLS = data as Record<string, string>;

/**
 * The change-password page for a login saved for `savedUrl`, or null when the URL is not a web
 * site (an IP address, localhost, an app scheme): those have no such page worth guessing.
 */
export function changePasswordUrl(savedUrl: string): string | null {
  const parsed = parseSiteUrl(savedUrl, { schemeless: 'assume-https' });
  if (!parsed.ok || parsed.url.registrableDomain === null) return null;
  const { host, port } = parsed.url;
  for (const name of hostSuffixes(host)) {
    const known = Object.hasOwn(URLS, name) ? URLS[name] : undefined;
    if (known !== undefined && /^https:\/\//.test(known)) return known;
  }
  // https even for a login saved on http: the well-known URL is a link to follow, not a fill.
  return `https://${host}${port === null ? '' : `:${port}`}/.well-known/change-password`;
}
