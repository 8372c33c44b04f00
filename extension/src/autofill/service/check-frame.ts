// What the background knows about the frame a content script speaks for, from the browser's
// MessageSender only (messaging/sender.ts): its page URL if it may be filled at all, its "site" key
// for per-site memory, and whether it is cross-origin to the tab. Sandboxed frames (opaque origin
// "null"), non-http(s) documents, URLs with credentials and frames whose reported origin does not
// match their URL are never served (docs/architecture.md, "Autofill rules").
import { parseSiteUrl, type SiteUrl } from '@keyhold/shared/url/parse-site-url';
import type { SenderInfo } from '../../messaging/sender';

export type FrameAccess = { ok: false } | { ok: true; pageUrl: string; site: string; crossOrigin: { frameHost: string; topHost: string } | null };

/** One key per site: scheme + registrable domain, or the full host and port where there is none (IPs, localhost). */
export function siteKey(url: SiteUrl): string {
  const host = url.registrableDomain ?? (url.port === null ? url.host : `${url.host}:${url.port}`);
  return `${url.scheme}://${host}`;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function checkFrame(sender: SenderInfo, topUrl: string | null): FrameAccess {
  if (sender.kind !== 'content' || sender.origin === 'null') return { ok: false };
  const parsed = parseSiteUrl(sender.url, { schemeless: 'reject' });
  if (!parsed.ok || originOf(sender.url) !== sender.origin) return { ok: false };
  let crossOrigin: { frameHost: string; topHost: string } | null = null;
  if (sender.frameId !== 0) {
    const topOrigin = topUrl === null ? null : originOf(topUrl);
    if (topOrigin !== sender.origin) {
      crossOrigin = {
        frameHost: new URL(sender.url).host,
        topHost: topOrigin === null || topOrigin === 'null' ? 'another page' : new URL(topOrigin).host,
      };
    }
  }
  return { ok: true, pageUrl: parsed.url.href, site: siteKey(parsed.url), crossOrigin };
}
