// The sync server address the user types: normalised to one spelling, https required except for a
// server on this computer (the default `keyhold-server start` listens on 127.0.0.1), and turned
// into the host-permission pattern the extension must hold to talk to it (MV3: cross-origin fetch
// from the service worker needs host permission; the server sends no CORS headers).
import { t } from '../i18n/messages';

export type ServerUrl = {
  /** e.g. "https://sync.example.org" or "https://example.org/keyhold" — no trailing slash. */
  base: string;
  origin: string;
  /** Match pattern for browser.permissions (patterns ignore the port). */
  permission: string;
  loopback: boolean;
};

export type ServerUrlResult = { ok: true; url: ServerUrl } | { ok: false; reason: string };

/** 127.0.0.0/8, ::1 and localhost (WHATWG URL gives IPv6 hosts in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function parseServerUrl(input: string): ServerUrlResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: t('error_server_url_empty') };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, reason: t('error_server_url_invalid') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: t('error_server_url_https') };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return {
      ok: false,
      reason: t('error_server_url_plain_http'),
    };
  }
  if (url.username || url.password) return { ok: false, reason: t('error_server_url_credentials') };
  if (url.search || url.hash) return { ok: false, reason: t('error_server_url_query') };
  const path = url.pathname.replace(/\/+$/, '');
  return {
    ok: true,
    url: {
      base: `${url.origin}${path}`,
      origin: url.origin,
      permission: `${url.protocol}//${url.hostname}/*`,
      loopback,
    },
  };
}
