// The vault's lifecycle in the background: create, unlock, lock, restore after a service-worker
// restart, reset with the recovery key, change the master password, view or regenerate the recovery
// key, and re-tune the KDF. The background is the only holder of the unlocked vault key
// (ARCHITECTURE.md, runtime model); it keeps it in memory and in `storage.session`.
import { createAccountKeys } from '@keyhold/shared/crypto/create-account-keys';
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { resetMasterPassword } from '@keyhold/shared/crypto/reset-master-password';
import { changeMasterPassword } from '@keyhold/shared/crypto/change-master-password';
import { decodeRecoveryKey, encodeRecoveryKey, generateRecoveryKey } from '@keyhold/shared/crypto/recovery-key';
import { wrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import { deriveMasterKey } from '@keyhold/shared/crypto/derive-master-key';
import { newKdfParams, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { KdfParamsError, RecoveryKeyError, WrongPasswordError } from '@keyhold/shared/crypto/errors';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { UserError } from '../messaging/result';
import type { VaultDb } from './db';
import type { SessionStore } from './session-store';
import { createOverviewIndex, type OverviewIndex } from './overview-index';
import { loadOverviewIndex, sealOverviewIndexAsync } from './index-store';
import { openRecoveryRecord, sealRecoveryRecord } from './recovery-record';
import { retryAfterMs } from './unlock-throttle';

export type VaultState = 'none' | 'locked' | 'unlocked';

export type VaultStatus = {
  state: VaultState;
  /** False until the user has re-typed part of the recovery key after creating the vault. */
  recoveryConfirmed: boolean;
  retryAfterMs: number;
  itemCount: number;
};

export type Unlocked = { accountId: string; vaultKey: Uint8Array; index: OverviewIndex };

/**
 * Told about header changes before they are written locally (sync keeps the server's copy in step);
 * throwing cancels the change.
 */
export type HeaderPublisher = {
  passwordChanged(change: { previous: VaultHeader; currentPassword: string; next: VaultHeader; newAuthKey: Uint8Array }): Promise<void>;
  headerChanged(change: { next: VaultHeader }): Promise<void>;
};

export type VaultDeps = {
  db: VaultDb;
  session: SessionStore;
  now: () => number;
  onLock?: () => void;
  /** KDF cost for new vaults; the defaults (64 MiB, t=3, p=4) unless a test asks for the floors. */
  newVaultKdf?: KdfCost;
};

/** Builds the search index just after the reply that needed the overview index has gone out. */
function warmSearch(index: OverviewIndex): void {
  setTimeout(() => index.prepareSearch(), 0);
}

export function createVaultService(deps: VaultDeps) {
  const { db, session, now } = deps;
  let publisher: HeaderPublisher | null = null;
  let unlocked: Unlocked | null = null;
  let restoring: Promise<Unlocked | null> | null = null;

  async function header(): Promise<VaultHeader> {
    const value = await db.getMeta('header');
    if (!value) throw new UserError('NO_VAULT', 'There is no vault on this device yet.');
    return value;
  }

  // The session write is not awaited on the unlock path (it costs ~20 ms of IPC); lock() and the
  // next save wait for it, so a lock can never be overtaken by an older save.
  let sessionWrite: Promise<void> = Promise.resolve();

  function becomeUnlocked(accountId: string, vaultKey: Uint8Array, index: OverviewIndex): Unlocked {
    if (unlocked && unlocked.vaultKey !== vaultKey) zeroize(unlocked.vaultKey);
    unlocked = { accountId, vaultKey, index };
    const state = { accountId, vaultKey, unlockedAt: now() };
    sessionWrite = sessionWrite.then(() => session.save(state)).catch((error: unknown) => console.warn('Keyhold: could not keep the session', error));
    warmSearch(index);
    return unlocked;
  }

  /** The unlocked state, restored from `storage.session` after a service-worker restart. */
  async function current(): Promise<Unlocked | null> {
    if (unlocked) return unlocked;
    restoring ??= (async () => {
      const saved = await session.load();
      if (!saved) return null;
      const index = await loadOverviewIndex(db, saved);
      unlocked = { accountId: saved.accountId, vaultKey: saved.vaultKey, index };
      warmSearch(index);
      return unlocked;
    })().finally(() => {
      restoring = null;
    });
    return restoring;
  }

  async function requireUnlocked(): Promise<Unlocked> {
    const state = await current();
    if (!state) throw new UserError('LOCKED', 'The vault is locked.');
    return state;
  }

  async function verifyPassword(password: string): Promise<{ vaultKey: Uint8Array; header: VaultHeader }> {
    const h = await header();
    await throttle();
    try {
      const { vaultKey, authKey } = await unlockVault({ password, header: h, pinned: await db.getMeta('pinnedKdf') });
      zeroize(authKey);
      await db.meta.delete('unlockFailures');
      return { vaultKey, header: h };
    } catch (error) {
      throw await translateUnlockError(error);
    }
  }

  /** Refuses while the delay after wrong passwords runs; says whether failures are on record. */
  async function throttle(): Promise<{ hasFailures: boolean }> {
    const failures = await db.getMeta('unlockFailures');
    const wait = retryAfterMs(failures, now());
    if (wait > 0) throw new UserError('RATE_LIMITED', `Too many wrong attempts. Try again in ${Math.ceil(wait / 1000)} s.`, wait);
    return { hasFailures: failures !== undefined };
  }

  async function translateUnlockError(error: unknown): Promise<unknown> {
    if (error instanceof WrongPasswordError) {
      const previous = await db.getMeta('unlockFailures');
      const failures = { count: (previous?.count ?? 0) + 1, lastAt: now() };
      await db.putMeta('unlockFailures', failures);
      return new UserError('WRONG_PASSWORD', 'That master password is not right.', retryAfterMs(failures, now()));
    }
    if (error instanceof KdfParamsError) return new UserError('INVALID', error.message);
    return error;
  }

  async function writeHeader(next: VaultHeader): Promise<void> {
    await db.transaction('rw', db.meta, async () => {
      await db.putMeta('header', next);
      await db.putMeta('pinnedKdf', next.kdf);
    });
  }

  return {
    current,
    requireUnlocked,

    /** Sync registers here once it starts (see sync/publish-header.ts). */
    setHeaderPublisher(next: HeaderPublisher | null): void {
      publisher = next;
    },

    async status(): Promise<VaultStatus> {
      // One read for the three records: the popup asks for this on every open.
      const [h, confirmed, failures] = await db.meta.bulkGet(['header', 'recoveryConfirmed', 'unlockFailures']);
      const state: VaultState = !h ? 'none' : (await current()) ? 'unlocked' : 'locked';
      return {
        state,
        recoveryConfirmed: confirmed?.key === 'recoveryConfirmed' ? confirmed.value : false,
        retryAfterMs: retryAfterMs(failures?.key === 'unlockFailures' ? failures.value : undefined, now()),
        itemCount: unlocked?.index.size ?? 0,
      };
    },

    async create(password: string): Promise<{ recoveryKey: string }> {
      if (await db.getMeta('header')) throw new UserError('VAULT_EXISTS', 'This browser already has a vault.');
      const keys = await createAccountKeys({ password, kdf: newKdfParams(deps.newVaultKdf) });
      zeroize(keys.authKey);
      const index = createOverviewIndex();
      const { accountId } = keys.header;
      const indexEnvelope = await sealOverviewIndexAsync(index, { accountId, vaultKey: keys.vaultKey });
      const recoveryRecord = sealRecoveryRecord(keys.recoveryKey, { accountId, vaultKey: keys.vaultKey });
      await db.transaction('rw', db.meta, db.items, async () => {
        if (await db.getMeta('header')) throw new UserError('VAULT_EXISTS', 'This browser already has a vault.');
        await db.putMeta('header', keys.header);
        await db.putMeta('pinnedKdf', keys.header.kdf);
        await db.putMeta('recoveryKey', recoveryRecord);
        await db.putMeta('recoveryConfirmed', false);
        await db.putMeta('overviewIndex', indexEnvelope);
      });
      const recoveryKey = encodeRecoveryKey(keys.recoveryKey);
      zeroize(keys.recoveryKey);
      becomeUnlocked(accountId, keys.vaultKey, index);
      return { recoveryKey };
    },

    async confirmRecovery(): Promise<void> {
      await requireUnlocked();
      await db.putMeta('recoveryConfirmed', true);
    },

    async unlock(password: string): Promise<void> {
      // Start reading the index while the KDF runs: the read overlaps the derivation.
      const h = await header();
      const { hasFailures } = await throttle();
      const indexRead = db.getMeta('overviewIndex');
      let vaultKey: Uint8Array;
      try {
        const keys = await unlockVault({ password, header: h, pinned: await db.getMeta('pinnedKdf') });
        zeroize(keys.authKey);
        vaultKey = keys.vaultKey;
      } catch (error) {
        throw await translateUnlockError(error);
      }
      if (hasFailures) await db.meta.delete('unlockFailures');
      const index = await loadOverviewIndex(db, { accountId: h.accountId, vaultKey }, await indexRead);
      becomeUnlocked(h.accountId, vaultKey, index);
    },

    /**
     * Unlocks with a vault key the caller has already opened with this password's KEK — log-in on
     * a new browser, which has just unwrapped the server's copy of the same header — so the slow
     * derivation is not run twice. Takes ownership of `vaultKey`.
     */
    async unlockWithOpenedKey(vaultKey: Uint8Array): Promise<void> {
      const h = await header();
      const index = await loadOverviewIndex(db, { accountId: h.accountId, vaultKey });
      becomeUnlocked(h.accountId, vaultKey, index);
    },

    async lock(): Promise<void> {
      if (unlocked) zeroize(unlocked.vaultKey);
      unlocked = null;
      await sessionWrite;
      await session.clear();
      deps.onLock?.();
    },

    async resetWithRecoveryKey(recoveryKeyText: string, newPassword: string): Promise<void> {
      const h = await header();
      let recoveryKey: Uint8Array;
      try {
        recoveryKey = decodeRecoveryKey(recoveryKeyText);
      } catch (error) {
        if (error instanceof RecoveryKeyError) throw new UserError('INVALID', error.message);
        throw error;
      }
      let result: Awaited<ReturnType<typeof resetMasterPassword>>;
      try {
        result = await resetMasterPassword({ recoveryKey, newPassword, header: h });
      } catch (error) {
        if (error instanceof RecoveryKeyError) throw new UserError('INVALID', error.message);
        throw error;
      } finally {
        zeroize(recoveryKey);
      }
      zeroize(result.authKey);
      await writeHeader(result.header);
      await db.meta.delete('unlockFailures');
      const index = await loadOverviewIndex(db, { accountId: h.accountId, vaultKey: result.vaultKey });
      becomeUnlocked(h.accountId, result.vaultKey, index);
    },

    async changePassword(currentPassword: string, newPassword: string): Promise<void> {
      await requireUnlocked();
      await throttle();
      const h = await header();
      try {
        const result = await changeMasterPassword({ currentPassword, newPassword, header: h, pinned: await db.getMeta('pinnedKdf') });
        try {
          await publisher?.passwordChanged({ previous: h, currentPassword, next: result.header, newAuthKey: result.authKey });
        } finally {
          zeroize(result.authKey);
        }
        await writeHeader(result.header);
      } catch (error) {
        throw await translateUnlockError(error);
      }
    },

    async viewRecoveryKey(password: string): Promise<{ recoveryKey: string }> {
      const { vaultKey, header: h } = await verifyPassword(password);
      try {
        const record = await db.getMeta('recoveryKey');
        if (!record) throw new UserError('NOT_FOUND', 'This vault has no stored recovery key. Create a new one.');
        const key = openRecoveryRecord(record, { accountId: h.accountId, vaultKey });
        const text = encodeRecoveryKey(key);
        zeroize(key);
        return { recoveryKey: text };
      } finally {
        zeroize(vaultKey);
      }
    },

    async regenerateRecoveryKey(password: string): Promise<{ recoveryKey: string }> {
      const { vaultKey, header: h } = await verifyPassword(password);
      const recoveryKey = generateRecoveryKey();
      try {
        const next: VaultHeader = {
          ...h,
          recoveryWrappedVaultKey: wrapVaultKey({ vaultKey, accountId: h.accountId, by: { kind: 'recovery', recoveryKey } }),
        };
        const record = sealRecoveryRecord(recoveryKey, { accountId: h.accountId, vaultKey });
        await publisher?.headerChanged({ next });
        await db.transaction('rw', db.meta, async () => {
          await db.putMeta('header', next);
          await db.putMeta('recoveryKey', record);
          await db.putMeta('recoveryConfirmed', false);
        });
        return { recoveryKey: encodeRecoveryKey(recoveryKey) };
      } finally {
        zeroize(vaultKey, recoveryKey);
      }
    },

    async kdfCost(): Promise<KdfCost> {
      const { memoryKiB, iterations, parallelism } = (await header()).kdf;
      return { memoryKiB, iterations, parallelism };
    },

    /** Times one derivation with the given cost on this device (the "calibrate" button). */
    async calibrate(cost: KdfCost): Promise<{ ms: number }> {
      let params;
      try {
        params = newKdfParams(cost);
      } catch (error) {
        if (error instanceof KdfParamsError) throw new UserError('INVALID', error.message);
        throw error;
      }
      const started = performance.now();
      zeroize(await deriveMasterKey('calibration only', params));
      return { ms: Math.round(performance.now() - started) };
    },

    /** New KDF cost: re-derives and re-wraps the vault key (the vault key itself is unchanged). */
    async setKdf(password: string, cost: KdfCost): Promise<void> {
      await requireUnlocked();
      await throttle();
      const h = await header();
      try {
        const result = await changeMasterPassword({ currentPassword: password, newPassword: password, header: h, kdf: cost });
        try {
          await publisher?.passwordChanged({ previous: h, currentPassword: password, next: result.header, newAuthKey: result.authKey });
        } finally {
          zeroize(result.authKey);
        }
        await writeHeader(result.header);
      } catch (error) {
        throw await translateUnlockError(error);
      }
    },
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
