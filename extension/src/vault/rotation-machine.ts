// The lifecycle of a vault-key rotation as an explicit state machine (STYLE.md habit 10;
// docs/adr/0021-vault-key-rotation.md). Pure: the runner (rotation.ts) feeds it events and persists
// what it must; an event that does not fit the current state is a bug and throws.
//
//   idle ──start──▶ preparing ──prepared──▶ re-encrypting(batch n) ──staged──▶ re-encrypting(n + 1)
//                       │                          └──all-staged──▶ committing ──committed──▶ pushing
//                       └──failed──▶ idle          pushing ──pushed──▶ committed ──dismiss──▶ idle
//   re-encrypting | committing | pushing ──failed / interrupted──▶ failed-resumable ──resume──▶ (where it stopped)
//   re-encrypting | failed-resumable(before committing) ──cancel──▶ idle      (nothing was swapped yet)
//
// Before `committing` the vault is exactly as it was (the batches are staged beside it): cancelling
// is safe. From `committing` on the new header may already be on the server, so only forward.

/** Where a rotation can stop and be resumed from. */
export type ResumablePhase = 're-encrypting' | 'committing' | 'pushing';

export type RotationState =
  | { phase: 'idle' }
  | { phase: 'preparing' }
  | { phase: 're-encrypting'; batch: number; done: number; total: number }
  | { phase: 'committing'; total: number }
  | { phase: 'pushing'; total: number }
  | { phase: 'committed'; total: number; unreadable: number }
  | { phase: 'failed-resumable'; from: ResumablePhase; done: number; total: number; message: string };

export type RotationEvent =
  | { type: 'start' }
  | { type: 'prepared'; total: number }
  /** Found in the journal at unlock or start-up: the rotation a killed worker left. */
  | { type: 'found'; from: ResumablePhase; done: number; total: number }
  | { type: 'staged'; count: number }
  | { type: 'all-staged' }
  | { type: 'committed' }
  | { type: 'pushed'; unreadable: number }
  | { type: 'failed'; message: string }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'dismiss' };

export class RotationTransitionError extends Error {
  override readonly name = 'RotationTransitionError';
}

export const IDLE: RotationState = { phase: 'idle' };

/** The state after `event`; throws RotationTransitionError for an event the state does not take. */
export function nextRotationState(state: RotationState, event: RotationEvent): RotationState {
  const refuse = (): never => {
    throw new RotationTransitionError(`A rotation in '${state.phase}' cannot take '${event.type}'.`);
  };
  switch (event.type) {
    case 'start':
      return state.phase === 'idle' ? { phase: 'preparing' } : refuse();
    case 'prepared':
      return state.phase === 'preparing' ? { phase: 're-encrypting', batch: 0, done: 0, total: event.total } : refuse();
    case 'found':
      return state.phase === 'idle' || state.phase === 'committed'
        ? { phase: 'failed-resumable', from: event.from, done: event.done, total: event.total, message: 'interrupted' }
        : refuse();
    case 'staged':
      return state.phase === 're-encrypting'
        ? { phase: 're-encrypting', batch: state.batch + 1, done: Math.min(state.total, state.done + event.count), total: state.total }
        : refuse();
    case 'all-staged':
      return state.phase === 're-encrypting' ? { phase: 'committing', total: state.total } : refuse();
    case 'committed':
      return state.phase === 'committing' ? { phase: 'pushing', total: state.total } : refuse();
    case 'pushed':
      return state.phase === 'pushing' ? { phase: 'committed', total: state.total, unreadable: event.unreadable } : refuse();
    case 'failed':
      if (state.phase === 'preparing') return IDLE;
      if (state.phase === 're-encrypting')
        return { phase: 'failed-resumable', from: 're-encrypting', done: state.done, total: state.total, message: event.message };
      if (state.phase === 'committing' || state.phase === 'pushing')
        return { phase: 'failed-resumable', from: state.phase, done: state.total, total: state.total, message: event.message };
      return refuse();
    case 'resume':
      if (state.phase !== 'failed-resumable') return refuse();
      if (state.from === 're-encrypting') return { phase: 're-encrypting', batch: 0, done: state.done, total: state.total };
      return { phase: state.from, total: state.total };
    case 'cancel':
      return state.phase === 're-encrypting' || (state.phase === 'failed-resumable' && state.from === 're-encrypting') ? IDLE : refuse();
    case 'dismiss':
      return state.phase === 'committed' ? IDLE : refuse();
  }
}

/** Whether `state` has work that the runner should be doing (a loop is running it). */
export function isRunning(state: RotationState): boolean {
  return state.phase === 'preparing' || state.phase === 're-encrypting' || state.phase === 'committing' || state.phase === 'pushing';
}
