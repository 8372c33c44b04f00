// Which relying party ids a calling frame may use (WebAuthn Level 3 §5.1.3 step 8 and §5.1.4.1
// step 8, with HTML's "is a registrable domain suffix of or is equal to"). Decided from the origin
// the browser reported for the frame, never from anything the page says about itself.
// - Only secure contexts: https, or http on localhost and its subdomains (what Chromium treats as
//   potentially trustworthy and allows WebAuthn on).
// - The effective domain must be a domain: an IP address origin is refused (§5.1.3 step 7: "If
//   effectiveDomain is not a valid domain, then return SecurityError"), whatever rpId it names.
// - rpId equals the host, or is a suffix of it on a label boundary that is not itself a public
//   suffix (tldts, private registries included: github.io is a suffix no site may claim).
import { parse } from 'tldts';

export type RpIdDecision = { ok: true; rpId: string } | { ok: false; reason: 'insecure-origin' | 'not-a-domain' | 'rp-id-mismatch' };

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * `origin`: the caller's serialised origin (scheme://host[:port]); `requested`: rp.id (create) or
 * rpId (get) from the options, or undefined for "the caller's effective domain" (§5.4.2).
 */
export function decideRpId(origin: string, requested: string | undefined): RpIdDecision {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return { ok: false, reason: 'insecure-origin' };
  }
  if (url.origin !== origin) return { ok: false, reason: 'insecure-origin' };
  const host = url.hostname;
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLocalhost(host)))) return { ok: false, reason: 'insecure-origin' };
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp || host.startsWith('[') || !DOMAIN.test(host)) return { ok: false, reason: 'not-a-domain' };
  const rpId = requested ?? host;
  if (rpId === host) return { ok: true, rpId };
  // A different spelling of the same name (upper case, trailing dot, Unicode) is not "equal" here: the
  // browser would compare the serialised forms, and a relying party checks the hash of this string.
  if (!DOMAIN.test(rpId) || !host.endsWith(`.${rpId}`)) return { ok: false, reason: 'rp-id-mismatch' };
  if (parsed.publicSuffix === rpId || parse(rpId, { allowPrivateDomains: true }).domain === null) return { ok: false, reason: 'rp-id-mismatch' };
  return { ok: true, rpId };
}
