// The WebAuthn calls waiting for the user, one per tab at most (a newer call in the same tab ends
// the older one, as the browser's own dialog does). Each ends exactly once: with the user's answer,
// when its dialog window closes, when it expires, or when a newer call replaces it. Later attempts
// to end it again do nothing, so a racing close and click cannot answer a page twice.
import type { CreateOptions, GetOptions, PasskeyOutcome } from '../messages';

export type Caller = { origin: string; topOrigin: string | null; rpId: string; tabId: number };

export type PendingRequest =
  | { id: string; kind: 'create'; caller: Caller; options: CreateOptions; settle: (outcome: PasskeyOutcome<unknown>) => void }
  | { id: string; kind: 'get'; caller: Caller; options: GetOptions; settle: (outcome: PasskeyOutcome<unknown>) => void };

/** How long a ceremony may wait for the user before the page gets NotAllowedError. */
export const PENDING_TIMEOUT_MS = 5 * 60_000;

export function createPendingRequests(deps: { onEnded: (id: string) => void }) {
  const pending = new Map<string, { request: PendingRequest; timer: ReturnType<typeof setTimeout> }>();

  function end(id: string, outcome: PasskeyOutcome<unknown>): boolean {
    const entry = pending.get(id);
    if (!entry) return false;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.request.settle(outcome);
    deps.onEnded(id);
    return true;
  }

  return {
    /** Starts a request; the promise is its outcome, however it ends. */
    start<C>(make: (id: string, settle: (outcome: PasskeyOutcome<unknown>) => void) => PendingRequest): {
      id: string;
      outcome: Promise<PasskeyOutcome<C>>;
    } {
      const id = crypto.randomUUID();
      let request!: PendingRequest;
      const outcome = new Promise<PasskeyOutcome<C>>((resolve) => {
        request = make(id, (o) => resolve(o as PasskeyOutcome<C>));
      });
      for (const [other, entry] of pending)
        if (entry.request.caller.tabId === request.caller.tabId) end(other, { kind: 'error', name: 'NotAllowedError' });
      const timer = setTimeout(() => end(id, { kind: 'error', name: 'NotAllowedError' }), PENDING_TIMEOUT_MS);
      pending.set(id, { request, timer });
      return { id, outcome };
    },
    get: (id: string): PendingRequest | null => pending.get(id)?.request ?? null,
    /** The request waiting in a tab, if any (one per tab at most). */
    inTab: (tabId: number): string | null => [...pending].find(([, entry]) => entry.request.caller.tabId === tabId)?.[0] ?? null,
    end,
  };
}

export type PendingRequests = ReturnType<typeof createPendingRequests>;
