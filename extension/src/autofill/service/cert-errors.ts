// Hosts whose certificate the browser refused, remembered so that Keyhold offers and fills nothing
// there even after the user clicked through the warning (docs/architecture.md, "Autofill rules";
// ADR 0006, "Certificate errors"). MV3 tells an extension nothing about a page's connection — no
// security state, no certificate — but webNavigation.onErrorOccurred reports the failed navigation
// that puts up Chromium's interstitial, with its net error (net::ERR_CERT_AUTHORITY_INVALID …).
// Proceeding then reloads the page with no error at all, and every later visit of that host loads
// silently too, across tabs and browser restarts, for as long as Chromium keeps the decision (a
// week by default). So the host is remembered in storage.local for that long after its last error:
// a page that loads fine cannot tell us the warning was not bypassed.
import type { KeyValueStore } from './key-value-store';

/** How long Chromium keeps a "proceed" on a certificate error (its SSL host state delegate default). */
export const CERT_DECISION_MS = 7 * 24 * 60 * 60_000;
const KEY = 'autofill.certErrors';
/** Past this many hosts the oldest are dropped (a bound on storage, not a security limit). */
const MAX_HOSTS = 500;

/** Chromium's certificate errors (net/base/net_error_list.h: ERR_CERT_*, ERR_CERTIFICATE_TRANSPARENCY_REQUIRED). */
export function isCertificateError(error: string): boolean {
  return /^net::ERR_CERT/.test(error);
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    // Chromium's decision is per host, whatever the port.
    return parsed.protocol === 'https:' ? parsed.hostname : null;
  } catch {
    return null;
  }
}

export type CertErrors = {
  /** A navigation to `url` failed with `error` (webNavigation.onErrorOccurred). */
  record(url: string, error: string): Promise<void>;
  /** Whether any of these pages is on a host whose certificate error may have been bypassed. */
  bypassed(...urls: (string | null)[]): Promise<boolean>;
};

export function createCertErrors(store: KeyValueStore, now: () => number): CertErrors {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async () => (await store.get<Record<string, number>>(KEY)) ?? {};

  return {
    record(url, error) {
      const host = hostOf(url);
      if (host === null || !isCertificateError(error)) return Promise.resolve();
      const run = queue.then(async () => {
        const hosts = new Map(Object.entries(await read()));
        hosts.set(host, now());
        const kept = [...hosts]
          .filter(([, at]) => now() - at < CERT_DECISION_MS)
          .sort((a, b) => b[1] - a[1])
          .slice(0, MAX_HOSTS);
        await store.set(KEY, Object.fromEntries(kept));
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async bypassed(...urls) {
      await queue;
      const hosts = await read();
      return urls.some((url) => {
        const host = hostOf(url);
        const at = host !== null && Object.hasOwn(hosts, host) ? hosts[host] : undefined;
        return at !== undefined && now() - at < CERT_DECISION_MS;
      });
    },
  };
}
