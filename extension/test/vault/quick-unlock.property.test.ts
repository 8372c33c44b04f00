// PIN attempts racing (vault/quick-unlock/pin-attempts.ts, ADR 0019): an attacker at the unlock
// screen fires wrong PINs from several views at once while the service worker is killed and restarted
// at random points. fast-check's scheduler decides the order in which every read and write of the PIN
// store completes; a killed worker's pending store operations never complete (it is gone). However it
// interleaves, at most 5 PINs are ever tried against the wrap, and the count a restarted worker sees
// is never below the guesses already made.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KDF_FLOORS } from '@keyhold/shared/crypto/kdf-params';
import { createMemoryPinStore, type PinStore } from '../../src/vault/quick-unlock/pin-store';
import { createQuickUnlock, type QuickUnlock } from '../../src/vault/quick-unlock/quick-unlock';
import { MAX_PIN_ATTEMPTS } from '../../src/vault/quick-unlock/pin-attempts';
import { createMemorySessionStore } from '../../src/vault/session-store';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
const PIN = '482915';
const now = () => 1_700_000_000_000;

/** `steps`: how far the schedule runs before the op (a store operation completes, or a derivation gets time). */
type Op = { kind: 'attempt' | 'restart'; steps: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('attempt', 'attempt', 'attempt', 'restart'),
  steps: fc.integer({ min: 0, max: 4 }),
});

/** The shared PIN store as one worker instance sees it: every operation completes when the scheduler says, never once killed. */
function racingStore(inner: PinStore, s: fc.Scheduler, alive: () => boolean): PinStore {
  const gate =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await s.schedule(Promise.resolve());
      return alive() ? f(...args) : new Promise<R>(() => undefined);
    };
  return { load: gate(() => inner.load()), save: gate((r) => inner.save(r)), clear: gate(() => inner.clear()) };
}

describe('PIN attempts racing', () => {
  it('never try more than 5 PINs, whatever the interleaving and worker restarts', async () => {
    const w = vaultWorld({ now, store: createMemorySessionStore(), pins: createMemoryPinStore() });
    await w.vault.create(PASSWORD);
    const shared = createMemoryPinStore();
    const fresh = (pins: PinStore, onPinTried?: () => void): QuickUnlock =>
      createQuickUnlock({
        db: w.db,
        session: w.session,
        pins,
        pinKdf: KDF_FLOORS,
        confirmPassword: (password) => w.vault.confirmPassword(password),
        openWithKey: (ticket, keys) => w.vault.openWithKey(ticket, keys),
        ...(onPinTried ? { onPinTried } : {}),
      });
    await fresh(shared).enablePin(PASSWORD, PIN);
    const enrolled = (await shared.load())!;
    await w.vault.lock();

    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(opArb, { minLength: 6, maxLength: 14 }), async (s, ops) => {
        await shared.save({ ...enrolled, failures: 0 });
        let tried = 0;
        let generation = 0;
        const instance = () => {
          const mine = ++generation;
          return fresh(
            racingStore(shared, s, () => mine === generation),
            () => (tried += 1),
          );
        };
        let current = instance();
        let lastWorker: Promise<unknown>[] = [];
        const advance = async () => {
          if (s.count() > 0) await s.waitOne();
          else await sleep(15);
        };
        for (const op of ops) {
          for (let i = 0; i < op.steps; i++) await advance();
          if (op.kind === 'restart') {
            current = instance();
            lastWorker = [];
          } else {
            lastWorker.push(current.unlockWithPin('000000').catch(() => undefined));
          }
        }
        // Drive the schedule until the last worker's attempts have all answered (a killed worker's never will).
        let done = false;
        void Promise.all(lastWorker).then(() => (done = true));
        for (let spins = 0; !done && spins < 20_000; spins++) await advance();
        expect(done).toBe(true);
        while (s.count() > 0) await s.waitOne();
        expect(tried).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
        // What a restarted worker sees afterwards: never more attempts left than guesses remain.
        const status = await fresh(shared).status();
        if (status.pin) expect(status.pin.attemptsLeft).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS - tried);
        expect((await w.vault.status()).state).toBe('locked');
      }),
      { numRuns: 25 },
    );
    w.db.close();
  }, 120_000);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
