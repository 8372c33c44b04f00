// The vault session: the one place that holds the unlocked vault key, as an explicit state machine
// (docs/architecture.md, "The vault session"; STYLE.md habit 10).
//
//   restoring ──(nothing saved)──▶ locked ──open()──▶ opening ──(index ready)──▶ unlocked
//        └──(saved session, index loaded)──────────────────────────────────────────▲
//   any state ──lock()──▶ locking ──(work drained, key wiped, storage cleared)──▶ locked
//   unlocked ──rekey(commit)──▶ rekeying ──(work drained, commit wrote, new key kept)──▶ unlocked
//
// Work never holds the key raw: borrow() lends a copy of it for the length of one call and wipes that
// copy when the call returns. lock() refuses new work at once, waits for work in flight (a bounded
// time), wipes every copy still lent and the key itself, clears `storage.session`, and only then
// reports locked. Every transition that finishes later than it began (restore, open) carries the
// generation it started in; a lock bumps the generation, so a stale restore or open can never
// bring back a key that a lock has wiped.
import { constantTimeEqual, zeroize } from '@keyhold/shared/crypto/bytes';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import { lockedError, UserError } from '../common/user-error';
import type { OverviewIndex } from './overview-index';
import type { SessionStore, UnlockedSession } from './session-store';
import { t } from '../i18n/messages';

export type SessionState = 'restoring' | 'locked' | 'opening' | 'unlocked' | 'locking' | 'rekeying';

/** What borrowed work sees. `vaultKey` is a copy lent for this call only; it is wiped when the call ends. */
export type Unlocked = { accountId: string; vaultKey: Uint8Array; index: OverviewIndex; signal: AbortSignal };

export type BorrowOptions = {
  /**
   * Long work that a lock should cut short rather than wait for (a sync run on the network): its copy of
   * the key is wiped and its signal aborted as soon as a lock begins.
   */
  revocable?: boolean;
};

export type SessionDeps = {
  store: SessionStore;
  now: () => number;
  /** Opens the overview index for a session restored after a service-worker restart. */
  loadIndex: (keys: { accountId: string; vaultKey: Uint8Array }) => Promise<OverviewIndex>;
  /** Told once a lock is complete (every open view drops what it shows). */
  onLocked?: () => void;
  /** How long a lock waits for work in flight before wiping its keys anyway. */
  drainTimeoutMs?: number;
  /** Told once a rekey has replaced the vault key (wraps of the old key elsewhere must go). */
  onRekeyed?: () => void;
};

/** What a rekey's commit gives back: the key (and the index, re-sealed under it) the session keeps. */
export type Rekeyed = { vaultKey: Uint8Array; index: OverviewIndex };

type Held = { accountId: string; vaultKey: Uint8Array };
type Loan = { key: Uint8Array; controller: AbortController; revocable: boolean; settled: Promise<void> };

const DRAIN_TIMEOUT_MS = 5_000;

export function createVaultSession(deps: SessionDeps) {
  let state: SessionState = 'restoring';
  let generation = 0;
  let held: Held | null = null;
  let index: OverviewIndex | null = null;
  /** Settles when the current restore or open is over (set while restoring or opening). */
  let pending: Promise<void> | null = null;
  /** Settles when the current lock is complete (set while locking). */
  let locking: Promise<void> | null = null;
  const loans = new Set<Loan>();
  // Writes to `storage.session` in order: a lock's clear can never be overtaken by an older save.
  let storage: Promise<void> = Promise.resolve();

  function queueStorage(step: () => Promise<void>): Promise<void> {
    storage = storage.then(step).catch((error: unknown) => console.warn('Keyhold: the session store failed', error));
    return storage;
  }

  /** Waits for a restore or open in progress; with `locks`, for a lock in progress too. */
  async function settle(options: { locks: boolean }): Promise<void> {
    for (;;) {
      if (state === 'restoring' && pending === null) pending = restore();
      const wait =
        state === 'locking'
          ? options.locks
            ? locking
            : null
          : state === 'restoring' || state === 'opening' || state === 'rekeying'
            ? pending
            : null;
      if (wait === null) return;
      await wait;
    }
  }

  function restore(): Promise<void> {
    const mine = generation;
    return (async () => {
      let saved: UnlockedSession | null = null;
      let loaded: OverviewIndex | null = null;
      try {
        saved = await deps.store.load();
        if (saved && mine === generation) loaded = await deps.loadIndex(saved);
      } catch (error) {
        console.error('Keyhold: the unlocked session could not be restored', error);
      }
      if (mine !== generation) {
        // A lock came while this restore read: it has won, and what was read is wiped.
        if (saved) zeroize(saved.vaultKey);
        return;
      }
      pending = null;
      if (saved && loaded) {
        held = { accountId: saved.accountId, vaultKey: saved.vaultKey };
        index = loaded;
        state = 'unlocked';
      } else {
        if (saved) zeroize(saved.vaultKey);
        state = 'locked';
        if (saved) void queueStorage(() => deps.store.clear());
      }
    })();
  }

  /** The generation an unlock starts in; open() refuses a key whose unlock a lock overtook. */
  function ticket(): number {
    return generation;
  }

  /**
   * Takes ownership of an unlocked key, with its index or a function that loads it (unlock answers from
   * the index head first): the session is 'opening' until the load is done, and borrowers wait for it.
   * Throws LOCKED, with the key wiped, when a lock came after `fromTicket` was taken.
   */
  async function open(fromTicket: number, keys: Held, loaded: OverviewIndex | (() => Promise<OverviewIndex>)): Promise<void> {
    await settle({ locks: true });
    if (fromTicket !== generation) {
      zeroize(keys.vaultKey);
      throw lockedError();
    }
    if (held) {
      // Already open (a second popup unlocking too): the key in use stays; this copy is wiped.
      if (held.accountId !== keys.accountId || !constantTimeEqual(held.vaultKey, keys.vaultKey)) {
        zeroize(keys.vaultKey);
        throw new Error('Another vault key is already open; lock first.');
      }
      if (held.vaultKey !== keys.vaultKey) zeroize(keys.vaultKey);
      return;
    }
    held = keys;
    const snapshot = { accountId: keys.accountId, vaultKey: keys.vaultKey.slice(), unlockedAt: deps.now() };
    void queueStorage(async () => {
      try {
        await deps.store.save(snapshot);
      } finally {
        zeroize(snapshot.vaultKey);
      }
    });
    if (typeof loaded !== 'function') {
      index = loaded;
      state = 'unlocked';
      return;
    }
    state = 'opening';
    const mine = generation;
    pending = loaded().then(
      (ready) => {
        if (mine !== generation) return;
        pending = null;
        index = ready;
        state = 'unlocked';
      },
      (error: unknown) => {
        // A lock that overtook the load wiped the key under it: that failure is expected, not news.
        if (mine !== generation) return;
        console.error('Keyhold: the vault index could not be loaded', error);
        void lock();
      },
    );
  }

  function lock(): Promise<void> {
    if (state === 'locking' && locking) return locking;
    generation += 1;
    state = 'locking';
    pending = null;
    const wiping = held;
    held = null;
    index = null;
    for (const loan of loans) {
      if (!loan.revocable) continue;
      loan.controller.abort();
      zeroize(loan.key);
    }
    const mine = generation;
    const done = (async () => {
      await drain(deps.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
      for (const loan of loans) {
        loan.controller.abort();
        zeroize(loan.key);
      }
      if (wiping) zeroize(wiping.vaultKey);
      await queueStorage(() => deps.store.clear());
      if (mine === generation) {
        state = 'locked';
        locking = null;
      }
      deps.onLocked?.();
    })();
    locking = done;
    return done;
  }

  /** Waits until no loan that a lock waits for is out (revocable ones are not), or `timeoutMs` has passed. */
  async function drain(timeoutMs: number): Promise<void> {
    const waited = () => [...loans].filter((l) => !l.revocable);
    if (waited().length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    const settled = (async () => {
      for (let out = waited(); out.length > 0; out = waited()) await Promise.all(out.map((l) => l.settled));
    })();
    await Promise.race([settled, timeout]);
    clearTimeout(timer);
  }

  /**
   * Runs `work` with a copy of the key, or throws LOCKED. Work interrupted by a lock (its copy wiped
   * under it) reports LOCKED too, never a decryption failure or damaged data.
   */
  async function borrow<T>(work: (unlocked: Unlocked) => Promise<T> | T, options: BorrowOptions = {}): Promise<T> {
    // A lock in progress refuses new work at once (waiting for it could wait on the very work that borrows).
    await settle({ locks: false });
    if (state !== 'unlocked' || !held || !index) throw lockedError();
    const controller = new AbortController();
    let release!: () => void;
    const loan: Loan = { key: held.vaultKey.slice(), controller, revocable: options.revocable ?? false, settled: new Promise((r) => (release = r)) };
    loans.add(loan);
    try {
      return await work({ accountId: held.accountId, vaultKey: loan.key, index, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted || error instanceof ZeroKeyError) throw lockedError();
      throw error;
    } finally {
      zeroize(loan.key);
      loans.delete(loan);
      release();
    }
  }

  /**
   * Replaces the vault key in use (the commit of a vault-key rotation, rotation.ts). New borrows wait
   * until it is over; revocable loans are revoked; the other loans are waited for (as a lock waits for
   * them), and if they are still out after the drain time nothing changes (an INVALID error says to try again). Then `commit` runs
   * with a copy of the old key and writes everything; the key and index it returns are the session's
   * from then on, and the saved session is replaced. A lock that comes meanwhile wins: the new key is
   * wiped (the next unlock opens whatever the commit left in the database, which is whole either way).
   */
  async function rekey(commit: (unlocked: Unlocked) => Promise<Rekeyed>): Promise<void> {
    await settle({ locks: false });
    if (state !== 'unlocked' || !held || !index) throw lockedError();
    const mine = generation;
    const old = held;
    state = 'rekeying';
    let finish!: () => void;
    pending = new Promise<void>((resolve) => (finish = resolve));
    const back = () => {
      if (mine !== generation) return;
      state = 'unlocked';
      pending = null;
    };
    try {
      for (const loan of loans) {
        if (!loan.revocable) continue;
        loan.controller.abort();
        zeroize(loan.key);
      }
      await drain(deps.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
      if (mine !== generation) throw lockedError();
      if ([...loans].some((l) => !l.revocable)) throw new UserError('INVALID', t('error_session_keyhold_is_busy_writing_try'));
      const controller = new AbortController();
      let release!: () => void;
      // The commit's own loan: a lock waits for it like for any write (a commit is one transaction).
      const loan: Loan = { key: old.vaultKey.slice(), controller, revocable: false, settled: new Promise((r) => (release = r)) };
      loans.add(loan);
      let next: Rekeyed;
      try {
        next = await commit({ accountId: old.accountId, vaultKey: loan.key, index, signal: controller.signal });
      } catch (error) {
        if (controller.signal.aborted || error instanceof ZeroKeyError) throw lockedError();
        throw error;
      } finally {
        zeroize(loan.key);
        loans.delete(loan);
        release();
      }
      if (mine !== generation) {
        zeroize(next.vaultKey);
        throw lockedError();
      }
      held = { accountId: old.accountId, vaultKey: next.vaultKey };
      index = next.index;
      zeroize(old.vaultKey);
      const snapshot = { accountId: old.accountId, vaultKey: next.vaultKey.slice(), unlockedAt: deps.now() };
      void queueStorage(async () => {
        try {
          await deps.store.save(snapshot);
        } finally {
          zeroize(snapshot.vaultKey);
        }
      });
      deps.onRekeyed?.();
    } finally {
      back();
      finish();
    }
  }

  /** `work` with the key when unlocked; null, not an error, when locked (or locked while it ran). */
  async function ifUnlocked<T>(work: (unlocked: Unlocked) => Promise<T> | T): Promise<T | null> {
    try {
      return await borrow(work);
    } catch (error) {
      if (error instanceof UserError && error.code === 'LOCKED') return null;
      throw error;
    }
  }

  return {
    ticket,
    open,
    lock,
    rekey,
    borrow,
    ifUnlocked,
    /** The state once any restore, open or lock in progress has finished: never 'locked' while a key is out. */
    async state(): Promise<Exclude<SessionState, 'restoring' | 'opening' | 'locking' | 'rekeying'>> {
      await settle({ locks: true });
      return state === 'unlocked' ? 'unlocked' : 'locked';
    },
    /** The item count, without waiting: 0 unless unlocked. */
    size(): number {
      return state === 'unlocked' && index ? index.size : 0;
    },
  };
}

export type VaultSession = ReturnType<typeof createVaultSession>;
