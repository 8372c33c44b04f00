// Vault-key rotation in the background ("Rotate encryption keys" in Settings;
// docs/adr/0021-vault-key-rotation.md). A new vault key, every item re-encrypted under a new item key,
// the new header published to the sync server, and the other devices adopt it there (ADR 0017).
// It runs in steps that survive a killed service worker: the journal and re-encrypted batches are in
// the vault database (rotation-journal.ts), the lifecycle is rotation-machine.ts, and the commit —
// rows, index, header, recovery record and sync's records under the new key — is ONE transaction made
// while the session swaps its key (session.ts, rekey), so no write can land under the old key after it.
// Edits during a rotation are not blocked: a row written after it was staged is re-encrypted again at
// the commit (its seal no longer matches the staged source).
import type { Table } from 'dexie';
import { constantTimeEqual, zeroize } from '@keyhold/shared/crypto/bytes';
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import { prepareVaultKeyRotation, reencryptItems } from '@keyhold/shared/crypto/rotate-vault-key';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { SaltIdentity } from '@keyhold/shared/crypto/kdf-salt';
import { UserError } from '../common/user-error';
import type { VaultDb } from './db';
import { noVaultError, refuseWhileThrottled, translateUnlockError } from './header-record';
import { sealIndex } from './index-store';
import type { ChangeHook } from './item-service';
import { createOverviewIndex, parseSerializedIndex } from './overview-index';
import { openRecoveryRecord, sealRecoveryRecord } from './recovery-record';
import { withNewRecoveryKey, type RecoveryChoice } from './rotation-recovery';
import { IDLE, isRunning, nextRotationState, type RotationEvent, type RotationState } from './rotation-machine';
import {
  batchKey,
  openRotationKeys,
  sealRotationKeys,
  sourceOf,
  zeroizeRotationKeys,
  type RotationJournal,
  type RotationKeys,
  type StagedBatch,
} from './rotation-journal';
import type { Unlocked, VaultSession } from './session';
import { t, tp } from '../i18n/messages';

/** Rows re-encrypted per batch: one IndexedDB transaction each, a fraction of a second of work. */
export const ROTATION_BATCH = 250;

/** The keys of both sides of a rotation, lent for one call. */
export type RotationKeyPair = { accountId: string; from: Uint8Array; to: Uint8Array };

/** What sync does for a rotation (sync/rotation-hook.ts); the vault does not depend on sync. */
export type RotationHook = {
  /** Before anything changes locally: the server takes the new header (and is fine being asked twice). */
  publish(change: {
    previous: VaultHeader;
    next: VaultHeader;
    keys: RotationKeyPair;
    previousAuthKey: Uint8Array;
    authKey: Uint8Array;
  }): Promise<void>;
  /** Tables `reseal` writes, in the commit's transaction. */
  tables: readonly Table[];
  /** Inside the commit's transaction: sync's records sealed under the old key, sealed again under the new one. */
  reseal(keys: RotationKeyPair): Promise<void>;
  /** After the commit: pushes what is owed; resolves with how many re-encrypted items the server still lacks (0 when not syncing). */
  push(): Promise<number>;
  /** A synced vault's identity, from which its new KDF salt is derived (kdf-salt.ts); undefined when not syncing. */
  saltIdentity(): Promise<SaltIdentity | undefined>;
};

export type RotationDeps = {
  db: VaultDb;
  session: Pick<VaultSession, 'borrow' | 'rekey'>;
  now: () => number;
  /** The item service's change hook (sync's outbox): every re-encrypted item is a local change to push. */
  changeHook?: ChangeHook;
  hook?: RotationHook;
  /** Wraps of the old vault key kept elsewhere (PIN, WebAuthn PRF quick unlock) must go after the commit. */
  dropQuickUnlock?: () => Promise<void>;
  /** Told of every state change (the background tells open Settings pages). */
  onChange?: (state: RotationState) => void;
  batchSize?: number;
};

const generatorBinding = (accountId: string) => ({ purpose: 'generator-history' as const, accountId });

function messageOf(error: unknown): string {
  if (error instanceof UserError) return error.message;
  return t('error_rotation_stopped');
}

export function createKeyRotation(deps: RotationDeps) {
  const { db, session, now } = deps;
  const batchSize = deps.batchSize ?? ROTATION_BATCH;
  let state: RotationState = IDLE;
  let loop: Promise<void> | null = null;
  let cancelling = false;

  function move(event: RotationEvent): void {
    state = nextRotationState(state, event);
    deps.onChange?.(state);
  }

  /** A journal left by a worker that stopped, noticed once (idle → failed-resumable). */
  async function notice(): Promise<RotationJournal | undefined> {
    const journal = await db.getMeta('rotation');
    if (journal && (state.phase === 'idle' || state.phase === 'committed')) {
      move({ type: 'found', from: journal.phase, done: journal.phase === 're-encrypting' ? journal.done : journal.total, total: journal.total });
    }
    return journal;
  }

  function launch(): Promise<void> {
    loop ??= run().finally(() => (loop = null));
    return loop;
  }

  /**
   * The journal decides where the rotation is: a step may have completed although its caller saw it
   * fail (a lock that came just after a commit's transaction), or a run of another worker moved it.
   */
  function reconcile(journal: RotationJournal | undefined): void {
    const at = state.phase;
    if (!journal) {
      if (at === 're-encrypting') move({ type: 'cancel' });
      else if (at === 'committing') {
        move({ type: 'committed' });
        move({ type: 'pushed', unreadable: 0 });
      } else if (at === 'pushing') move({ type: 'pushed', unreadable: 0 });
      return;
    }
    if (at === 're-encrypting' && journal.phase !== 're-encrypting') move({ type: 'all-staged' });
    if (state.phase === 'committing' && journal.phase === 'pushing') move({ type: 'committed' });
  }

  async function run(): Promise<void> {
    try {
      for (;;) {
        const journal = await db.getMeta('rotation');
        reconcile(journal);
        if (!journal) return;
        if (journal.phase === 're-encrypting') {
          if (cancelling) return;
          const staged = await stageBatch(journal);
          move(staged === 'all' ? { type: 'all-staged' } : { type: 'staged', count: staged });
        } else if (journal.phase === 'committing') {
          await commit(journal);
          move({ type: 'committed' });
        } else {
          const owed = (await deps.hook?.push()) ?? 0;
          if (owed > 0) {
            throw new UserError('INVALID', tp('error_rotation_items_owed', owed));
          }
          await db.meta.delete('rotation');
          move({ type: 'pushed', unreadable: 0 });
          return;
        }
      }
    } catch (error) {
      if (!(error instanceof UserError && error.code === 'LOCKED')) console.warn('Keyhold: the key rotation stopped', error);
      if (isRunning(state)) move({ type: 'failed', message: messageOf(error) });
    }
  }

  /** One batch, in id order after the cursor: re-encrypted, stored beside the vault with the cursor moved, in one transaction. */
  function stageBatch(journal: RotationJournal): Promise<number | 'all'> {
    return session.borrow(async (unlocked) => {
      const keys = openRotationKeys(journal.sealedKeys, unlocked);
      try {
        const rows =
          journal.cursor === null
            ? await db.items.orderBy('id').limit(batchSize).toArray()
            : await db.items.where('id').above(journal.cursor).limit(batchSize).toArray();
        if (rows.length === 0) {
          await rewriteJournal(journal, { ...journal, phase: 'committing' });
          return 'all';
        }
        const done = await reencryptItems({ accountId: unlocked.accountId, from: unlocked.vaultKey, to: keys.vaultKey, items: rows });
        const byId = new Map(done.items.map((item) => [item.id, item]));
        const batch: StagedBatch = {
          rows: rows.flatMap((row) => {
            const rotated = byId.get(row.id);
            return rotated ? [{ row: rotated, source: sourceOf(row) }] : [];
          }),
          unreadable: done.unreadable,
        };
        const seen = journal.done + rows.length;
        await rewriteJournal(
          journal,
          { ...journal, cursor: rows.at(-1)!.id, batches: journal.batches + 1, done: seen, total: Math.max(journal.total, seen) },
          { key: batchKey(journal.batches), value: batch },
        );
        return rows.length;
      } finally {
        zeroizeRotationKeys(keys);
      }
    });
  }

  /** Replaces the journal (and writes a batch) only if nobody moved it meanwhile (a cancel, another run). */
  async function rewriteJournal(expected: RotationJournal, next: RotationJournal, batch?: { key: `rotationBatch:${number}`; value: StagedBatch }) {
    await db.transaction('rw', db.meta, async () => {
      const current = await db.getMeta('rotation');
      if (!current || current.phase !== expected.phase || current.cursor !== expected.cursor || current.batches !== expected.batches) {
        throw new UserError('INVALID', t('error_rotation_the_rotation_was_cancelled_or'));
      }
      if (batch) await db.meta.put(batch);
      await db.putMeta('rotation', next);
    });
  }

  /** Publishes the new header, then swaps every record to the new key in one transaction while the session rekeys. */
  async function commit(journal: RotationJournal): Promise<void> {
    await session.borrow(async (unlocked) => {
      const keys = openRotationKeys(journal.sealedKeys, unlocked);
      try {
        const previous = await db.getMeta('header');
        if (!previous) throw noVaultError();
        await deps.hook?.publish({
          previous,
          next: journal.header,
          keys: { accountId: unlocked.accountId, from: unlocked.vaultKey, to: keys.vaultKey },
          previousAuthKey: keys.previousAuthKey,
          authKey: keys.authKey,
        });
      } finally {
        zeroizeRotationKeys(keys);
      }
    });
    await session.rekey((unlocked) => swap(journal, unlocked));
    await deps.dropQuickUnlock?.();
  }

  async function swap(
    journal: RotationJournal,
    unlocked: Unlocked,
  ): Promise<{ vaultKey: Uint8Array; index: ReturnType<typeof createOverviewIndex> }> {
    const keys: RotationKeys = openRotationKeys(journal.sealedKeys, unlocked);
    const to = { accountId: unlocked.accountId, vaultKey: keys.vaultKey };
    try {
      const rows = await db.items.toArray();
      const staged = new Map<string, { row: SealedItem; source: string }>();
      for (let n = 0; n < journal.batches; n++) {
        for (const entry of (await db.getMeta(batchKey(n)))?.rows ?? []) staged.set(entry.row.id, entry);
      }
      // Rows written since they were staged, or added behind the cursor, are re-encrypted now.
      const stale = rows.filter((row) => staged.get(row.id)?.source !== sourceOf(row));
      const again = await reencryptItems({ accountId: unlocked.accountId, from: unlocked.vaultKey, to: keys.vaultKey, items: stale });
      const fresh = new Map(again.items.map((item) => [item.id, item]));
      const next = rows.flatMap((row) => {
        const rotated = fresh.get(row.id) ?? (staged.get(row.id)?.source === sourceOf(row) ? staged.get(row.id)!.row : undefined);
        return rotated ? [rotated] : [];
      });
      // A fresh index: every site bucket is re-sealed (the buckets' keyed hash changes with the key).
      const index = createOverviewIndex(parseSerializedIndex(unlocked.index.serialize('')).entries);
      const sealedIndex = await sealIndex(index, to);
      const [recordEnvelope, historyEnvelope] = await db.getMetas(['recoveryKey', 'generatorHistory'] as const);
      const history = historyEnvelope ? reseal(historyEnvelope, unlocked, to, generatorBinding(unlocked.accountId)) : null;
      // The journal's recovery key wraps the new vault key in the new header: kept, or a new one.
      const newRecovery = journal.recovery === 'new';
      const recovery = recordEnvelope || newRecovery ? sealRecoveryRecord(keys.recoveryKey, to) : null;
      const change = { put: next.map((row) => row.id), remove: [] as string[], at: now() };
      const tables = [db.items, db.meta, ...(deps.changeHook?.tables ?? []), ...(deps.hook?.tables ?? [])];
      await db.transaction('rw', tables, async () => {
        const current = await db.getMeta('rotation');
        if (current?.phase !== 'committing') throw new UserError('INVALID', t('error_rotation_the_rotation_was_cancelled_or'));
        await deps.changeHook?.record(change);
        await deps.hook?.reseal({ accountId: unlocked.accountId, from: unlocked.vaultKey, to: keys.vaultKey });
        await db.items.bulkPut(next);
        await sealedIndex.put(db);
        await db.putMeta('header', journal.header);
        await db.putMeta('pinnedKdf', journal.header.kdf);
        if (recovery) await db.putMeta('recoveryKey', recovery);
        // A new recovery key is shown and confirmed like a regenerated one (vault.viewRecoveryKey, then
        // the group check); until then every opening of Keyhold asks for it (ui/lib/screens.ts).
        if (newRecovery) await db.putMeta('recoveryConfirmed', false);
        if (history) await db.putMeta('generatorHistory', history);
        else await db.meta.delete('generatorHistory');
        // Vault health's sealed cache and report are rebuilt by the next check (health/health-store.ts).
        await db.meta.bulkDelete(['healthCache', 'healthReport', 'healthSummary']);
        await db.meta.bulkDelete(Array.from({ length: journal.batches }, (_, n) => batchKey(n)));
        await db.putMeta('rotation', { ...journal, phase: 'pushing', sealedKeys: '', cursor: null, batches: 0, total: next.length });
      });
      sealedIndex.done();
      deps.changeHook?.committed(change);
      return { vaultKey: keys.vaultKey.slice(), index };
    } finally {
      zeroizeRotationKeys(keys);
    }
  }

  return {
    /** Where the rotation is; a journal left by a stopped worker shows as failed-resumable ("resuming"). */
    async status(): Promise<RotationState> {
      await notice();
      return state;
    },

    /**
     * Starts a rotation: checks the master password (throttled like unlock), journals the new key and
     * header, and re-encrypts in the background. Resolves once it is running; progress comes as state.
     * `recovery: 'new'` also replaces the recovery key (rotation-recovery.ts): the old one stops working.
     */
    async start(password: string, options: { recovery: RecoveryChoice } = { recovery: 'keep' }): Promise<RotationState> {
      if (await notice()) throw new UserError('INVALID', t('error_rotation_a_key_rotation_is_already'));
      move({ type: 'start' });
      try {
        const total = await session.borrow(async (unlocked) => {
          const [header, pinned, failures, record] = await db.getMetas(['header', 'pinnedKdf', 'unlockFailures', 'recoveryKey'] as const);
          if (!header) throw noVaultError();
          if (!record) throw new UserError('INVALID', t('error_rotation_make_a_new_recovery_key'));
          refuseWhileThrottled(failures, now());
          const saltFor = await deps.hook?.saltIdentity();
          const recoveryKey = openRecoveryRecord(record, unlocked);
          let prepared: Awaited<ReturnType<typeof prepareVaultKeyRotation>>;
          try {
            prepared = await prepareVaultKeyRotation({
              password,
              header,
              ...(pinned ? { pinned } : {}),
              recoveryKey,
              ...(saltFor ? { saltFor } : {}),
            });
          } catch (error) {
            zeroize(recoveryKey);
            throw await translateUnlockError(db, error, now());
          }
          if (failures) await db.meta.delete('unlockFailures');
          // A new recovery key is drawn now and journalled before any item is staged, so a resumed
          // rotation wraps and records the same one.
          let replaced: ReturnType<typeof withNewRecoveryKey> | null = null;
          try {
            if (options.recovery === 'new') replaced = withNewRecoveryKey({ previous: header, next: prepared.header, vaultKey: prepared.vaultKey });
            if (!constantTimeEqual(prepared.previousVaultKey, unlocked.vaultKey)) throw new Error('the header does not wrap the key in use');
            const count = await db.items.count();
            const journal: RotationJournal = {
              v: 1,
              phase: 're-encrypting',
              accountId: unlocked.accountId,
              header: replaced?.header ?? prepared.header,
              sealedKeys: sealRotationKeys(
                {
                  vaultKey: prepared.vaultKey,
                  authKey: prepared.authKey,
                  previousAuthKey: prepared.previousAuthKey,
                  recoveryKey: replaced?.recoveryKey ?? recoveryKey,
                },
                unlocked,
              ),
              recovery: options.recovery,
              cursor: null,
              batches: 0,
              done: 0,
              total: count,
              startedAt: now(),
            };
            await db.transaction('rw', db.meta, async () => {
              if (await db.getMeta('rotation')) throw new UserError('INVALID', t('error_rotation_a_key_rotation_is_already_2'));
              await db.putMeta('rotation', journal);
            });
            return count;
          } finally {
            zeroize(recoveryKey, prepared.vaultKey, prepared.authKey, prepared.previousAuthKey, prepared.previousVaultKey);
            if (replaced) zeroize(replaced.recoveryKey);
          }
        });
        move({ type: 'prepared', total });
      } catch (error) {
        if (state.phase === 'preparing') move({ type: 'failed', message: messageOf(error) });
        throw error;
      }
      void launch();
      return state;
    },

    /** Continues a rotation that stopped (a killed worker, a lock, a failure); called after every unlock. */
    async resume(): Promise<RotationState> {
      await notice();
      if (state.phase === 'failed-resumable') {
        move({ type: 'resume' });
        void launch();
      }
      return state;
    },

    /** Cancels before the commit: the staged batches and the journal go; the vault was never touched. */
    async cancel(): Promise<RotationState> {
      await notice();
      if (!(state.phase === 're-encrypting' || (state.phase === 'failed-resumable' && state.from === 're-encrypting'))) {
        throw new UserError('INVALID', t('error_rotation_the_new_keys_are_already'));
      }
      cancelling = true;
      try {
        await loop;
        await db.transaction('rw', db.meta, async () => {
          const journal = await db.getMeta('rotation');
          if (journal?.phase !== 're-encrypting') throw new UserError('INVALID', t('error_rotation_the_new_keys_are_already_2'));
          await db.meta.bulkDelete([...Array.from({ length: journal.batches }, (_, n) => batchKey(n)), 'rotation']);
        });
        if (state.phase === 'failed-resumable' || state.phase === 're-encrypting') move({ type: 'cancel' });
      } finally {
        cancelling = false;
      }
      return state;
    },

    /** After "done" was shown: back to idle. */
    dismiss(): RotationState {
      if (state.phase === 'committed') move({ type: 'dismiss' });
      return state;
    },

    /** Settles when the current run is over (tests). */
    settled: (): Promise<void> => loop ?? Promise.resolve(),
  };
}

function reseal(
  envelope: string,
  from: { accountId: string; vaultKey: Uint8Array },
  to: { vaultKey: Uint8Array },
  binding: ReturnType<typeof generatorBinding>,
): string | null {
  let plaintext: Uint8Array;
  try {
    plaintext = open(from.vaultKey, envelope, binding);
  } catch {
    return null; // Unreadable already: dropped, as a damaged history is at unlock.
  }
  try {
    return seal(to.vaultKey, plaintext, binding);
  } finally {
    zeroize(plaintext);
  }
}

export type KeyRotation = ReturnType<typeof createKeyRotation>;
