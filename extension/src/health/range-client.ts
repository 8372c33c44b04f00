// Asks a Pwned Passwords range endpoint for the breached hashes that share a 5-hex-digit prefix
// (shared/health/range-response.ts has the protocol). Only the prefix is in the request: no
// password, no suffix, no cookie, no referrer. `Add-Padding: true` makes the answer's size say
// nothing about the prefix. Requests are spaced (a small, fixed rate, polite to a free service and
// to a self-hoster's relay), a 429 or 503 is retried after the server's Retry-After, and an abort
// signal stops a run between and during requests.
import { isRangePrefix, parseRangeResponse, RangeResponseError } from '@keyhold/shared/health/range-response';
import { UserError } from '../common/user-error';
import { t } from '../i18n/messages';

/** The breach service could not be asked or answered badly: a run stops with this message for the user. */
export class BreachServiceError extends Error {
  override name = 'BreachServiceError';
}

export type RangeClientDeps = {
  /** Base URL; requests go to `${endpoint}/range/${prefix}`. */
  endpoint: string;
  fetch?: typeof fetch;
  /** Least time between the starts of two requests. */
  minIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

const MAX_RETRIES = 3;
const MAX_RETRY_WAIT_MS = 30_000;

/** The URL a prefix is asked at; refuses anything but an http(s) endpoint. */
export function rangeUrl(endpoint: string, prefix: string): string {
  if (!isRangePrefix(prefix)) throw new RangeResponseError('A range prefix is 5 upper-case hex digits.');
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch {
    throw new UserError('INVALID', t('error_range_client_the_breach_check_address_is'));
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new UserError('INVALID', t('error_range_client_the_breach_check_address_must'));
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/range/${prefix}`;
}

const abortReason = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createRangeClient(deps: RangeClientDeps) {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = deps.now ?? (() => Date.now());
  const sleep = deps.sleep ?? abortableSleep;
  const minIntervalMs = deps.minIntervalMs ?? 50;
  let nextStart = 0;

  /** Waits for this request's turn: one start every `minIntervalMs`, in call order. */
  async function turn(signal: AbortSignal): Promise<void> {
    const at = Math.max(now(), nextStart);
    nextStart = at + minIntervalMs;
    const wait = at - now();
    if (wait > 0) await sleep(wait, signal);
  }

  /** The breached suffixes (with counts) of one prefix. */
  async function range(prefix: string, signal: AbortSignal): Promise<Map<string, number>> {
    const url = rangeUrl(deps.endpoint, prefix);
    for (let attempt = 0; ; attempt++) {
      await turn(signal);
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { 'Add-Padding': 'true' },
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw new BreachServiceError(t('error_range_client_unreachable', new URL(url).origin), {
          cause: error,
        });
      }
      if ((response.status === 429 || response.status === 503) && attempt < MAX_RETRIES) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await sleep(Math.min(MAX_RETRY_WAIT_MS, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 2000 * 2 ** attempt), signal);
        continue;
      }
      if (!response.ok) throw new BreachServiceError(t('error_range_client_status', response.status));
      try {
        return parseRangeResponse(await response.text());
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof RangeResponseError) throw new BreachServiceError(t('error_range_client_unreadable'));
        throw error;
      }
    }
  }

  return { range };
}

export type RangeClient = ReturnType<typeof createRangeClient>;
