// An optional relay of the Pwned Passwords range API (off by default; `breachRelay` in the config
// file, docs/self-hosting.md), so a self-hoster's clients check breached passwords without
// contacting a third party: GET /pwned/range/{5 hex digits} is asked upstream with
// `Add-Padding: true` and the answer passed back as text. The client sends only the 5-digit prefix
// of a SHA-1 (k-anonymity), and the relay adds nothing identifying upstream: no client address, no
// cookie, its own user agent. The prefix is kept out of the request log (logPath).
import type { IncomingMessage, ServerResponse } from 'node:http';

export const RELAY_PATH = '/pwned/range/';
const PREFIX_RE = /^[0-9A-Fa-f]{5}$/;
/** A padded answer is about 40 KB; anything far larger is not a range answer. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export type BreachRelayConfig = { enabled: boolean; upstream: string };

export type BreachRelayDeps = BreachRelayConfig & { fetch?: typeof fetch; timeoutMs?: number };

/** The path as the request log writes it: a relayed prefix is not recorded. */
export function logPath(pathname: string): string {
  return pathname.startsWith(RELAY_PATH) ? `${RELAY_PATH}…` : pathname;
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * A handler for the relay's path, or null when the relay is off. It answers (and returns true)
 * only for requests under RELAY_PATH; every other request is left to the caller.
 */
export function createBreachRelay(deps: BreachRelayDeps): ((req: IncomingMessage, res: ServerResponse) => boolean) | null {
  if (!deps.enabled) return null;
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const upstream = deps.upstream.replace(/\/+$/, '');
  const timeoutMs = deps.timeoutMs ?? 10_000;

  async function relay(prefix: string, res: ServerResponse): Promise<void> {
    let text: string;
    try {
      const response = await doFetch(`${upstream}/range/${prefix.toUpperCase()}`, {
        headers: { 'Add-Padding': 'true', 'user-agent': 'keyhold-sync-server' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) return answer(res, 502, `The breach service answered ${response.status}.`);
      text = await response.text();
    } catch {
      return answer(res, 502, 'The breach service could not be reached.');
    }
    if (Buffer.byteLength(text) > MAX_ANSWER_BYTES) return answer(res, 502, 'The breach service sent an answer too large to be a range answer.');
    answer(res, 200, text);
  }

  return (req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (!pathname.startsWith(RELAY_PATH)) return false;
    if (req.method !== 'GET') {
      answer(res, 405, 'Only GET.');
      return true;
    }
    const prefix = pathname.slice(RELAY_PATH.length);
    if (!PREFIX_RE.test(prefix)) {
      answer(res, 400, 'A range prefix is 5 hex digits.');
      return true;
    }
    void relay(prefix, res).catch(() => {
      if (!res.headersSent) answer(res, 502, 'The breach service could not be reached.');
    });
    return true;
  };
}
