// The rotation lifecycle (vault/rotation-machine.ts): the transitions it takes and the ones it refuses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDLE, nextRotationState, RotationTransitionError, type RotationEvent, type RotationState } from '../../src/vault/rotation-machine';

const run = (events: RotationEvent[], from: RotationState = IDLE) => events.reduce(nextRotationState, from);

describe('the rotation state machine', () => {
  it('goes idle → preparing → re-encrypting(n) → committing → pushing → committed → idle', () => {
    const states: RotationState[] = [];
    let s = IDLE;
    for (const e of [
      { type: 'start' },
      { type: 'prepared', total: 5 },
      { type: 'staged', count: 3 },
      { type: 'staged', count: 2 },
      { type: 'all-staged' },
      { type: 'committed' },
      { type: 'pushed', unreadable: 0 },
      { type: 'dismiss' },
    ] as RotationEvent[]) {
      s = nextRotationState(s, e);
      states.push(s);
    }
    expect(states.map((x) => x.phase)).toEqual([
      'preparing',
      're-encrypting',
      're-encrypting',
      're-encrypting',
      'committing',
      'pushing',
      'committed',
      'idle',
    ]);
    expect(states[3]).toEqual({ phase: 're-encrypting', batch: 2, done: 5, total: 5 });
  });

  it('a failure before the journal is written goes back to idle; after, it is resumable where it stopped', () => {
    expect(run([{ type: 'start' }, { type: 'failed', message: 'wrong password' }])).toEqual(IDLE);
    const stopped = run([{ type: 'start' }, { type: 'prepared', total: 9 }, { type: 'staged', count: 4 }, { type: 'failed', message: 'locked' }]);
    expect(stopped).toEqual({ phase: 'failed-resumable', from: 're-encrypting', done: 4, total: 9, message: 'locked' });
    expect(nextRotationState(stopped, { type: 'resume' })).toEqual({ phase: 're-encrypting', batch: 0, done: 4, total: 9 });
    const atCommit = run([{ type: 'start' }, { type: 'prepared', total: 1 }, { type: 'all-staged' }, { type: 'failed', message: 'offline' }]);
    expect(nextRotationState(atCommit, { type: 'resume' })).toEqual({ phase: 'committing', total: 1 });
  });

  it('cancels only before the commit', () => {
    expect(run([{ type: 'start' }, { type: 'prepared', total: 2 }, { type: 'cancel' }])).toEqual(IDLE);
    const committing = run([{ type: 'start' }, { type: 'prepared', total: 2 }, { type: 'all-staged' }]);
    expect(() => nextRotationState(committing, { type: 'cancel' })).toThrow(RotationTransitionError);
    const failedAtCommit = nextRotationState(committing, { type: 'failed', message: 'x' });
    expect(() => nextRotationState(failedAtCommit, { type: 'cancel' })).toThrow(RotationTransitionError);
  });

  it('a journal found at start-up shows as resumable (the UI says "resuming")', () => {
    expect(nextRotationState(IDLE, { type: 'found', from: 'pushing', done: 3, total: 3 })).toMatchObject({
      phase: 'failed-resumable',
      from: 'pushing',
    });
  });

  it('under any sequence of events: refused events change nothing, done never exceeds total, nothing goes back before the commit once past it', () => {
    const eventArb: fc.Arbitrary<RotationEvent> = fc.oneof(
      fc.constant<RotationEvent>({ type: 'start' }),
      fc.integer({ min: 0, max: 50 }).map((total): RotationEvent => ({ type: 'prepared', total })),
      fc.integer({ min: 0, max: 20 }).map((count): RotationEvent => ({ type: 'staged', count })),
      fc.constant<RotationEvent>({ type: 'all-staged' }),
      fc.constant<RotationEvent>({ type: 'committed' }),
      fc.constant<RotationEvent>({ type: 'pushed', unreadable: 0 }),
      fc.constant<RotationEvent>({ type: 'failed', message: 'x' }),
      fc.constant<RotationEvent>({ type: 'resume' }),
      fc.constant<RotationEvent>({ type: 'cancel' }),
      fc.constant<RotationEvent>({ type: 'dismiss' }),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        let s: RotationState = IDLE;
        let swapped = false;
        for (const e of events) {
          let next: RotationState;
          try {
            next = nextRotationState(s, e);
          } catch (error) {
            expect(error).toBeInstanceOf(RotationTransitionError);
            continue;
          }
          if ('done' in next) expect(next.done).toBeLessThanOrEqual(next.total);
          if (next.phase === 'pushing') swapped = true;
          // Once the keys were swapped, only forward: never re-encrypting, never cancelled to idle before done.
          if (swapped && next.phase === 're-encrypting') throw new Error('went back before the commit');
          if (e.type === 'cancel') expect(swapped).toBe(false);
          if (next.phase === 'idle') swapped = false;
          s = next;
        }
      }),
    );
  });
});
