// The WebAuthn calls waiting for the user, one per tab at most (a newer call in the same tab ends
// the older one, as the browser's own dialog does). Each ends exactly once: with the user's answer,
// when its dialog window closes, when it expires, when the page aborts it, when its frame navigates
// away, or when a newer call replaces it. Later attempts to end it again do nothing, so a racing
// close and click cannot answer a page twice. A conditional get (mediation "conditional") waits the
// same way, with no dialog: the user answers in the inline menu of that frame's username field.
import type { CreateOptions, GetOptions, PasskeyOutcome } from '../messages';

export type Caller = { origin: string; topOrigin: string | null; rpId: string; tabId: number; frameId: number };

type Common = {
  id: string;
  /** The bridge's id for the call (an abort names it). */
  callId: string;
  caller: Caller;
  settle: (outcome: PasskeyOutcome<unknown>) => void;
};

export type PendingRequest =
  (Common & { kind: 'create'; options: CreateOptions }) | (Common & { kind: 'get'; options: GetOptions; conditional: boolean });

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
    /** The request of one call of a tab, if it still waits. */
    ofCall: (tabId: number, callId: string): string | null =>
      [...pending].find(([, { request }]) => request.caller.tabId === tabId && request.callId === callId)?.[0] ?? null,
    /** The conditional get waiting in this frame, made by this origin (the frame's current document). */
    conditionalIn(at: { tabId: number; frameId: number; origin: string }): Extract<PendingRequest, { kind: 'get' }> | null {
      for (const { request } of pending.values()) {
        const { caller } = request;
        if (
          request.kind === 'get' &&
          request.conditional &&
          caller.tabId === at.tabId &&
          caller.frameId === at.frameId &&
          caller.origin === at.origin
        )
          return request;
      }
      return null;
    },
    /** Requests made in a tab (or one frame of it): for a frame that navigated or a tab that closed. */
    inFrame: (tabId: number, frameId?: number): string[] =>
      [...pending]
        .filter(([, { request }]) => request.caller.tabId === tabId && (frameId === undefined || request.caller.frameId === frameId))
        .map(([id]) => id),
    end,
  };
}

export type PendingRequests = ReturnType<typeof createPendingRequests>;
