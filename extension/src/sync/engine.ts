// The sync engine in the service worker. One run: write owed manifest entries, pull (incremental,
// or a full listing on first sync, after purged tombstones and once a week), push the outbox (up to
// three rounds while pushes conflict), re-judge held changes. Runs never overlap; a request during
// a run queues one more. Automatic runs — the periodic alarm, a local change (debounced), the vault
// being unlocked — respect an exponential backoff while the server is failing; "Sync now" does not.
// All state (cursor, outbox, bases, backoff) is in IndexedDB, so nothing depends on the worker
// staying alive. Sync runs only while the vault is unlocked (docs/adr/0003-sync-client.md).
import type { SyncDb } from './sync-db';
import type { ItemService } from '../vault/item-service';
import type { VaultService } from '../vault/vault-service';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import { lockedError, UserError } from '../common/user-error';
import type { Unlocked } from '../vault/session';
import { backoffDelay } from './backoff';
import { createBaseStore } from './base-store';
import { recheckHeld, HOLD_GRACE_MS } from './held-changes';
import { createManifestBook } from './manifest-book';
import { syncedDigests } from './synced-digests';
import { pullChanges, ServerRollbackError } from './pull-changes';
import { addSnapshotDebt, snapshotDue, uploadSnapshot } from './index-snapshot';
import { pushChanges } from './push-changes';
import { createReports } from './reports';
import { createServerClient, describeProblem, ServerError, type ServerClient } from './server-client';
import { createSyncState, type RunRecord, type StoredConnection } from './state-records';
import type { SyncRun } from './sync-run';
import { eventStreamUrl } from './push-listener';
import { openToken } from './token-record';
import { readStatus, type SyncStatus } from './status';
import { t } from '../i18n/messages';

export type SyncScheduler = {
  /** A run after `delayMs`; a newer request replaces a pending one. Must survive the worker stopping. */
  runIn(delayMs: number): void;
  /** The periodic run while signed in. */
  setPeriodic(on: boolean): void;
};

export type SyncEngineDeps = {
  db: SyncDb;
  vault: VaultService;
  items: ItemService;
  now: () => number;
  scheduler: SyncScheduler;
  fetch?: typeof fetch;
  /** Wait after a local change before pushing it (edits in a burst go in one push). */
  debounceMs?: number;
  holdGraceMs?: number;
  /** Told after a run that changed the vault with other devices' changes (open views refetch). */
  onRemoteChanges?: () => void;
  /** How often the whole server listing is checked against this device (vanished/resurrected items). */
  fullCheckEveryMs?: number;
  random?: () => number;
  /**
   * Asked when the server refuses this device's session: the message to show instead of "signed out"
   * when the reason was found (a password change elsewhere, sync/password-change.ts), or null.
   */
  onRevoked?: (connection: StoredConnection) => Promise<string | null>;
  /** Fewest changed items that make a new index snapshot worth writing (index-snapshot.ts; tests lower it). */
  snapshotMinChanges?: number;
};

export type RunResult =
  { ok: true; pulled: number; pushed: number; held: number } | { ok: false; reason: 'signed-out' | 'locked' | 'failed'; message: string };

/** `manifest`: the header's root the caller just read, taken in beside the first pull page. */
type RunOptions = { full: boolean; manifest?: string | undefined };

const DEFAULT_DEBOUNCE_MS = 2_000;
/** The whole listing is checked against this device weekly (about 1 KB per item). */
const FULL_CHECK_EVERY_MS = 7 * 24 * 60 * 60 * 1000;
const PUSH_ROUNDS = 3;
/**
 * After a run that held a change back, look again soon: the usual cause is a pull that came between
 * another device's push and its manifest entry vouching for it, which follows within moments — and
 * live push makes that the common case, since the hint is sent when the push commits. A few quick
 * looks, then the periodic run takes over (a change nobody vouches for is reported after the grace).
 */
export const HELD_FOLLOW_UPS_MS: readonly number[] = [1_000, 3_000, 10_000];
const EMPTY_RUN: RunRecord = { lastSyncAt: null, lastAttemptAt: null, lastError: null, failures: 0, nextRetryAt: null };

export const SIGNED_OUT_MESSAGE = t('error_engine_signed_out_message');

export function createSyncEngine(deps: SyncEngineDeps) {
  const { db, vault, now } = deps;
  const state = createSyncState(db);
  const reports = createReports({ state, now });
  let queue: Promise<unknown> = Promise.resolve();
  let queued: Promise<RunResult> | null = null;
  /** The queued run's condition: skipped if the cursor has reached `unlessAt` by the time it starts (null: it runs). */
  let queuedCondition: { unlessAt: number | null } | null = null;
  /** The run in progress, if any. */
  let current: Promise<RunResult> | null = null;
  /** Set by a run that found the index snapshot due; written after it (writeSnapshot). */
  let snapshotWanted = false;
  /** The snapshot being written, if any. */
  let snapshotting: Promise<void> | null = null;
  let heldFollowUps = 0;

  /**
   * A client signed in as this device. `signal`: a run's — sync runs only while the vault is
   * unlocked, so once a lock aborts it the run asks the server nothing more, whichever step it is in
   * (the requests already on their way finish).
   */
  function clientFor(connection: StoredConnection, token: string, signal?: AbortSignal): ServerClient {
    const fetcher = deps.fetch;
    const guarded: typeof fetch | undefined = signal
      ? (input, init) => (signal.aborted ? Promise.reject(new ZeroKeyError()) : (fetcher ?? fetch)(input, init))
      : fetcher;
    return createServerClient({ baseUrl: connection.serverUrl, token, ...(guarded ? { fetch: guarded } : {}) });
  }

  async function recordRun(patch: Partial<RunRecord>): Promise<RunRecord> {
    const next = { ...EMPTY_RUN, ...(await state.get('run')), ...patch };
    await state.put('run', next);
    return next;
  }

  /** The server no longer knows this session: forget it, and lock (a revoked device keeps nothing open). */
  async function signedOut(reason: string | null = null): Promise<RunResult> {
    const message = reason ?? SIGNED_OUT_MESSAGE;
    await state.delete('connection');
    deps.scheduler.setPeriodic(false);
    await recordRun({ lastError: message, failures: 0, nextRetryAt: null });
    await vault.lock();
    return { ok: false, reason: 'signed-out', message };
  }

  async function failed(message: string, options: { retryAfterMs?: number | null } = {}): Promise<RunResult> {
    const previous = { ...EMPTY_RUN, ...(await state.get('run')) };
    const failures = previous.failures + 1;
    const delay = backoffDelay(failures, { retryAfterMs: options.retryAfterMs ?? null, ...(deps.random ? { random: deps.random } : {}) });
    await recordRun({ lastError: message, failures, nextRetryAt: now() + delay });
    deps.scheduler.runIn(delay);
    return { ok: false, reason: 'failed', message };
  }

  function syncRunFor(client: ServerClient, keys: SyncRun['keys']): SyncRun {
    return {
      db,
      items: deps.items,
      state,
      reports,
      client,
      keys,
      now,
      bases: createBaseStore(db),
      book: createManifestBook({ db, state, client, keys, reports, digests: syncedDigests(db) }),
    };
  }

  /**
   * Writes the index snapshot (index-snapshot.ts) after the run that made it due, as a task of its
   * own in the run queue: the run's result — a sign-up's, a push's — does not wait for it, and the
   * next run does. It only saves other devices work: a failure is logged and left for the next time.
   */
  async function writeSnapshot(): Promise<void> {
    const connection = await state.get('connection');
    if (!connection) return;
    try {
      await vault.borrow(
        async (unlocked) => {
          if (unlocked.accountId !== connection.accountId) return;
          const keys = { accountId: unlocked.accountId, vaultKey: unlocked.vaultKey };
          const token = openToken(connection.sealedToken, keys);
          if (token === null) return;
          await uploadSnapshot(syncRunFor(clientFor(connection, token, unlocked.signal), keys));
        },
        { revocable: true },
      );
    } catch (error) {
      if (error instanceof ZeroKeyError || (error instanceof UserError && error.code === 'LOCKED')) return;
      console.warn('Keyhold: the index snapshot was not written', error);
    }
  }

  async function runOnce(options: RunOptions): Promise<RunResult> {
    const connection = await state.get('connection');
    if (!connection) return { ok: false, reason: 'signed-out', message: t('sync_status_off') };
    try {
      // Revocable: a lock does not wait for the network; it wipes this run's key and the run stops.
      return await vault.borrow((unlocked) => runWith(connection, unlocked, options), { revocable: true });
    } catch (error) {
      if (error instanceof UserError && error.code === 'LOCKED') return { ok: false, reason: 'locked', message: t('sync_status_locked') };
      throw error;
    }
  }

  /** Pushes what is pending, merging in what conflicts, for up to PUSH_ROUNDS rounds; returns how many were accepted. */
  async function pushRounds(run: SyncRun): Promise<number> {
    let pushed = 0;
    for (let round = 0; round < PUSH_ROUNDS; round++) {
      const outcome = await pushChanges(run);
      pushed += outcome.accepted;
      if (outcome.accepted > 0) await run.book.flushOwed();
      if (outcome.conflicts === 0) break;
    }
    return pushed;
  }

  async function runWith(connection: StoredConnection, unlocked: Unlocked, options: RunOptions): Promise<RunResult> {
    if (unlocked.accountId !== connection.accountId) return signedOut();
    const keys = { accountId: unlocked.accountId, vaultKey: unlocked.vaultKey };
    await recordRun({ lastAttemptAt: now() });
    try {
      const token = openToken(connection.sealedToken, keys);
      if (token === null) {
        // A key a lock wiped throws ZeroKeyError (token-record.ts), ending the run as locked below;
        // the signal is checked here too, as a backup.
        if (unlocked.signal.aborted) throw lockedError();
        return await signedOut();
      }
      const run = syncRunFor(clientFor(connection, token, unlocked.signal), keys);
      await run.book.flushOwed({ unlessUnseen: true });
      const progress = await state.get('progress');
      const due = progress?.lastFullCheckAt == null || now() - progress.lastFullCheckAt > (deps.fullCheckEveryMs ?? FULL_CHECK_EVERY_MS);
      const pulled = await pullChanges(run, { full: options.full || due, manifest: options.manifest });
      // A new device's first run left the format check until the pull had taken the root in.
      await run.book.flushOwed();
      // Told now, not at the end of the run: what the pull wrote is in the vault even if the push fails.
      if (pulled.applied > 0) deps.onRemoteChanges?.();
      // A change held until another device vouched for it (a new item pulled before its writer's
      // manifest entry) reaches the vault here, not in the pull. Held changes are judged again before
      // pushing — releasing one may turn this device's own edit of that item into a merge to push,
      // which must go out in this run, not at the next poll — and again after, for what a push's
      // conflicts brought in; if that releases anything, its merges are pushed too.
      const graceMs = deps.holdGraceMs ?? HOLD_GRACE_MS;
      let released = (await recheckHeld(run, { graceMs })).released;
      let pushed = await pushRounds(run);
      const after = await recheckHeld(run, { graceMs });
      if (after.released > 0) {
        released += after.released;
        pushed += await pushRounds(run);
      }
      const { held } = after;
      if (released > 0) deps.onRemoteChanges?.();
      if (held === 0) heldFollowUps = 0;
      else if (heldFollowUps < HELD_FOLLOW_UPS_MS.length) deps.scheduler.runIn(HELD_FOLLOW_UPS_MS[heldFollowUps++]!);
      await addSnapshotDebt(run, pushed);
      snapshotWanted = await snapshotDue(run, deps.snapshotMinChanges);
      await recordRun({ lastSyncAt: now(), lastError: null, failures: 0, nextRetryAt: null });
      return { ok: true, pulled: pulled.applied, pushed, held };
    } catch (error) {
      // Locked while running: whatever failed, failed because the key was wiped. Not an error to report.
      if (unlocked.signal.aborted || error instanceof ZeroKeyError || (error instanceof UserError && error.code === 'LOCKED')) throw lockedError();
      if (error instanceof ServerError) {
        if (error.problem.kind === 'unauthorized') return await signedOut((await deps.onRevoked?.(connection)) ?? null);
        const retryAfterMs = error.problem.kind === 'rate-limited' ? error.problem.retryAfterMs : null;
        return await failed(describeProblem(error.problem), { retryAfterMs });
      }
      if (error instanceof ServerRollbackError) return await failed(t('error_engine_server_behind'));
      console.warn('Keyhold: sync run failed', error);
      return await failed(t('error_engine_failed_unexpectedly'));
    }
  }

  /**
   * Runs one sync after any running one; requests made while one waits share it. `manifest`: the
   * header's root the caller just read (a log-in), taken in beside the first page.
   */
  function syncNow(options: { full?: boolean; manifest?: string | undefined } = {}): Promise<RunResult> {
    return enqueue(options, null);
  }

  /**
   * A run for news that the account reached `revision` (the event stream): none if the run before
   * it already brought this device there — news heard during a first sync, whose cursor moves only
   * at its end, would otherwise start a second run right after it.
   */
  function syncFor(revision: number): Promise<RunResult> {
    return enqueue({}, revision);
  }

  function enqueue(options: { full?: boolean; manifest?: string | undefined }, unlessAt: number | null): Promise<RunResult> {
    if (queued && queuedCondition && !options.full) {
      // Shared: a request that must run makes the waiting run unconditional; later news raises the bar.
      queuedCondition.unlessAt = unlessAt === null || queuedCondition.unlessAt === null ? null : Math.max(unlessAt, queuedCondition.unlessAt);
      return queued;
    }
    const condition = { unlessAt };
    const next = queue.then(async () => {
      if (queued === next) {
        queued = null;
        queuedCondition = null;
      }
      if (condition.unlessAt !== null && ((await state.get('progress'))?.cursor ?? 0) >= condition.unlessAt) {
        return { ok: true, pulled: 0, pushed: 0, held: 0 } satisfies RunResult;
      }
      current = next;
      try {
        return await runOnce({ full: options.full ?? false, manifest: options.manifest });
      } finally {
        current = null;
        if (snapshotWanted) {
          snapshotWanted = false;
          const writing = queue.then(writeSnapshot).finally(() => {
            if (snapshotting === writing) snapshotting = null;
          });
          snapshotting = writing;
          queue = writing.catch(() => undefined);
        }
      }
    });
    queued = next;
    queuedCondition = condition;
    queue = next.catch(() => undefined);
    return next;
  }

  /**
   * An automatic run: skipped while backing off (a retry is already scheduled then). `coveredByRunning`:
   * a run in progress does what this one would (after an unlock: any run in progress started after
   * it, runs need the vault unlocked) — log-in's first sync is not followed by a second one.
   */
  async function trigger(options: { coveredByRunning?: boolean } = {}): Promise<RunResult | null> {
    if (!(await state.get('connection'))) return null;
    if (options.coveredByRunning && current) return current;
    const run = await state.get('run');
    if (run?.nextRetryAt && run.nextRetryAt > now()) {
      deps.scheduler.runIn(run.nextRetryAt - now());
      return null;
    }
    return syncNow();
  }

  return {
    state,
    reports,
    syncNow,
    syncFor,
    trigger,
    /** A local write was committed: push it soon (when signed in; the outbox keeps it anyway). */
    localChanged(): void {
      void state.get('connection').then((connection) => {
        if (connection) deps.scheduler.runIn(deps.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      });
    },
    status(): Promise<SyncStatus> {
      return readStatus({ db, state, vault, syncing: current !== null || queued !== null || snapshotting !== null });
    },
    /** A client signed in as this device, for device management; null when signed out or locked. */
    async signedInClient(): Promise<{ client: ServerClient; connection: StoredConnection } | null> {
      const connection = await state.get('connection');
      if (!connection) return null;
      const token = await vault.ifUnlocked((unlocked) =>
        unlocked.accountId === connection.accountId ? openToken(connection.sealedToken, unlocked) : null,
      );
      return token === null || token === undefined ? null : { client: clientFor(connection, token), connection };
    },
    /** Where and as whom to hear live-push events (push-listener.ts); null when signed out or locked. */
    async eventStreamTarget(): Promise<{ url: string; token: string } | null> {
      const connection = await state.get('connection');
      if (!connection) return null;
      const token = await vault.ifUnlocked((unlocked) =>
        unlocked.accountId === connection.accountId ? openToken(connection.sealedToken, unlocked) : null,
      );
      return token === null || token === undefined ? null : { url: eventStreamUrl(connection.serverUrl), token };
    },
    /** The account revision this device has fully applied (0 before the first sync). */
    async cursor(): Promise<number> {
      return (await state.get('progress'))?.cursor ?? 0;
    },
    signedOut,
    /** Resets the run record (a fresh sign-in starts without old errors or backoff). */
    async clearRunRecord(): Promise<void> {
      await state.put('run', { ...EMPTY_RUN, lastSyncAt: (await state.get('run'))?.lastSyncAt ?? null });
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
