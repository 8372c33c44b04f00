// The PIN's attempt counter as an explicit state machine (docs/adr/0019-quick-unlock.md):
//
//   off ──enable──▶ armed(0)
//   armed(n) ──attempt begins──▶ armed(n+1)         counted before the slow derivation runs
//   armed(n) ──right PIN──▶ armed(0) (and the session opens)
//   armed(n) ──wrong PIN, n = MAX──▶ off             the wrap is wiped: the master password is needed
//   armed(MAX) ──attempt begins──▶ off               (a count left at MAX by a killed worker)
//   any ──drop (password change, reset, rotation, browser restart)──▶ off
//
// An attempt is charged when it begins, not when it fails: a service worker stopped between the two
// has spent the attempt, so killing the worker cannot buy extra guesses. The quick-unlock service
// runs attempts one at a time, so two concurrent attempts cannot both read the same count.

export const MAX_PIN_ATTEMPTS = 5;

export type PinAttemptState = { kind: 'off' } | { kind: 'armed'; failures: number };

export type AttemptStart = { kind: 'refused' } | { kind: 'charged'; failures: number };

/** What happens when an attempt begins: the charged count to persist before deriving, or a refusal (wipe). */
export function beginAttempt(state: PinAttemptState): AttemptStart {
  if (state.kind === 'off' || state.failures >= MAX_PIN_ATTEMPTS) return { kind: 'refused' };
  return { kind: 'charged', failures: state.failures + 1 };
}

/** The state after a charged attempt's PIN turned out wrong. */
export function afterWrongPin(charged: number): PinAttemptState {
  return charged >= MAX_PIN_ATTEMPTS ? { kind: 'off' } : { kind: 'armed', failures: charged };
}

export function attemptsLeft(state: PinAttemptState): number {
  return state.kind === 'off' ? 0 : Math.max(0, MAX_PIN_ATTEMPTS - state.failures);
}
