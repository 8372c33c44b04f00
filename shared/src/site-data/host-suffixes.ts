/**
 * The names a host answers to in Apple's site data (shared/data/password-manager-resources/): an
 * entry for `example.com` covers `example.com` and every subdomain, one for `a.example.com` covers
 * that host and its subdomains only. So a host is looked up as itself, then each parent, most
 * specific first, down to its registrable domain and never above it (a public suffix such as
 * `co.uk` is nobody's site).
 */
import { parse as parseDomain } from 'tldts';

/** `www.shop.example.co.uk` → [`www.shop.example.co.uk`, `shop.example.co.uk`, `example.co.uk`]; [] for IPs and bare suffixes. */
export function hostSuffixes(host: string): string[] {
  const name = host.toLowerCase().replace(/\.$/, '');
  const parsed = parseDomain(name, { allowPrivateDomains: true });
  if (parsed.isIp || parsed.domain === null || parsed.hostname === null) return [];
  const domain = parsed.domain;
  const out: string[] = [];
  let current = parsed.hostname;
  for (;;) {
    out.push(current);
    if (current === domain || !current.endsWith(`.${domain}`)) break;
    current = current.slice(current.indexOf('.') + 1);
  }
  return out;
}
