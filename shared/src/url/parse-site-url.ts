/**
 * Parses a URL into the parts that URL matching compares, or says why it must never be filled.
 *
 * Only http: and https: pages are fillable (docs/architecture.md, "Autofill rules"). The host is taken from
 * the WHATWG URL parser, which lower-cases it and converts it to its ASCII (punycode) form
 * (https://url.spec.whatwg.org/#host-parsing, UTS #46), so a Cyrillic 'а' ends up in an xn-- label and
 * can never equal a Latin 'a'. The registrable domain comes from the public suffix list, private
 * section included, so two users' github.io sites are two different sites.
 */
import { parse as parseDomain } from 'tldts';

export type FillableScheme = 'http' | 'https';

export type SiteUrl = {
  scheme: FillableScheme;
  /** ASCII, lower case, without a trailing dot; IPv6 addresses keep their brackets. */
  host: string;
  /** The explicit port, or null when the URL uses the scheme's default port. */
  port: number | null;
  /** Path without query or fragment, always starting with '/'. */
  path: string;
  /** '' or the query including its leading '?'. */
  search: string;
  /** null for IP addresses, single-label hosts such as localhost, and public suffixes themselves. */
  registrableDomain: string | null;
  isIp: boolean;
  /** The whole normalised URL, fragment included. */
  href: string;
};

export type NotFillableReason = 'empty' | 'invalid' | 'unsupported-scheme' | 'credentials-in-url';

export type ParseSiteUrlResult = { ok: true; url: SiteUrl } | { ok: false; reason: NotFillableReason };

export type ParseSiteUrlOptions = {
  /**
   * What a string without a scheme means. Pages always come with one ('reject'); item URLs typed by
   * a user ("example.com/login") are read as https, the safe choice under the scheme rule.
   */
  schemeless: 'reject' | 'assume-https';
};

const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):/i;
// "localhost:3000/x" is a host and a port, not the scheme "localhost:".
const PORT_AFTER_COLON = /^\d+(?:[/?#]|$)/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export function parseSiteUrl(raw: string, options: ParseSiteUrlOptions = { schemeless: 'reject' }): ParseSiteUrlResult {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };

  let text = trimmed;
  if (!hasScheme(trimmed)) {
    if (options.schemeless === 'reject') return { ok: false, reason: 'invalid' };
    text = `https://${trimmed}`;
  }

  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }

  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'unsupported-scheme' };
  // https://victim.com@evil.test/ goes to evil.test; such URLs are a phishing device, never filled.
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'credentials-in-url' };

  // "example.com." names the same DNS node as "example.com" (RFC 1034 §3.1); compare them as one.
  const host = parsed.hostname.endsWith('.') ? parsed.hostname.slice(0, -1) : parsed.hostname;
  if (host === '' || host.startsWith('.') || host.includes('..')) return { ok: false, reason: 'invalid' };

  const isIp = host.startsWith('[') || IPV4.test(host);
  const registrableDomain = isIp ? null : parseDomain(host, { allowPrivateDomains: true }).domain;

  return {
    ok: true,
    url: {
      scheme,
      host,
      port: parsed.port === '' ? null : Number(parsed.port),
      path: parsed.pathname,
      search: parsed.search,
      registrableDomain,
      isIp,
      href: parsed.href,
    },
  };
}

function hasScheme(text: string): boolean {
  const prefix = SCHEME_PREFIX.exec(text);
  if (prefix === null) return false;
  return !PORT_AFTER_COLON.test(text.slice(prefix[0].length));
}
