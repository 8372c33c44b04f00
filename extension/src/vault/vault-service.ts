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
import { constantTimeEqual, zeroize } from '@keyhold/shared/crypto/bytes';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { UserError } from '../messaging/result';
import type { VaultDb } from './db';
import type { SessionStore } from './session-store';
import type { Overview } from '@keyhold/shared/items/item';
import { createOverviewIndex, type ListPage, type OverviewIndex } from './overview-index';
import { bucketKey, bucketsFor, loadOverviewIndex, openIndexHead, openSiteCandidates, sealIndex, type IndexHead } from './index-store';
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
 * What unlock answers with when the index head could be used: the first page of the list and the
 * page's suggestion candidates, before the whole index is loaded (it loads right after the reply).
 */
export type UnlockPreview = {
  size: number;
  page: ListPage;
  pageUrl: string | null;
  candidates: Overview[];
  recoveryConfirmed: boolean;
};

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
  // Unlocked from the index head: the body is loading (current() waits for it). `epoch` changes on
  // every unlock from a head and every lock, `locks` on every lock: a load that a lock overtook is
  // dropped and its key wiped; one that a later unlock overtook defers to that one.
  let opening: Promise<Unlocked | null> | null = null;
  let epoch = 0;
  let locks = 0;

  async function header(): Promise<VaultHeader> {
    const value = await db.getMeta('header');
    if (!value) throw new UserError('NO_VAULT', 'There is no vault on this device yet.');
    return value;
  }

  // The session write is not awaited on the unlock path (it costs ~20 ms of IPC); lock() and the
  // next save wait for it, so a lock can never be overtaken by an older save.
  let sessionWrite: Promise<void> = Promise.resolve();

  function keepSession(accountId: string, vaultKey: Uint8Array): void {
    const state = { accountId, vaultKey, unlockedAt: now() };
    sessionWrite = sessionWrite.then(() => session.save(state)).catch((error: unknown) => console.warn('Keyhold: could not keep the session', error));
  }

  /** Already unlocked with this very key (a second popup unlocking too): the state in use stays. */
  function alreadyUnlocked(accountId: string, vaultKey: Uint8Array): Unlocked | null {
    if (!unlocked || unlocked.accountId !== accountId || !constantTimeEqual(unlocked.vaultKey, vaultKey)) return null;
    if (unlocked.vaultKey !== vaultKey) zeroize(vaultKey);
    return unlocked;
  }

  function becomeUnlocked(accountId: string, vaultKey: Uint8Array, index: OverviewIndex, opts: { sessionKept?: boolean } = {}): Unlocked {
    // Never wipe a key that work in progress may hold: another key takes over only for another vault.
    const same = alreadyUnlocked(accountId, vaultKey);
    if (same) return same;
    if (unlocked) zeroize(unlocked.vaultKey);
    unlocked = { accountId, vaultKey, index };
    if (!opts.sessionKept) keepSession(accountId, vaultKey);
    warmSearch(index);
    return unlocked;
  }

  /**
   * Unlocked from the head: the session is kept now; the body loads once the caller's reply is out
   * (a macrotask later). Anything that needs the index meanwhile waits for it through current().
   */
  function openFromHead(accountId: string, vaultKey: Uint8Array, head: IndexHead): void {
    if (alreadyUnlocked(accountId, vaultKey)) return;
    const mine = ++epoch;
    const locksBefore = locks;
    keepSession(accountId, vaultKey);
    const load = (async (): Promise<Unlocked | null> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      let index: OverviewIndex | null = null;
      try {
        if (mine === epoch) index = await loadOverviewIndex(db, { accountId, vaultKey }, { head });
      } catch (error) {
        console.error('Keyhold: the vault index could not be loaded', error);
      }
      if (locks !== locksBefore) {
        zeroize(vaultKey);
        return null;
      }
      if (mine !== epoch) {
        // A later unlock took over (two popups unlocking at once): its load is the one to wait for.
        zeroize(vaultKey);
        return current();
      }
      if (!index) {
        zeroize(vaultKey);
        await lock();
        return null;
      }
      return becomeUnlocked(accountId, vaultKey, index, { sessionKept: true });
    })();
    opening = load;
    void load.finally(() => {
      if (opening === load) opening = null;
    });
  }

  async function lock(): Promise<void> {
    epoch += 1;
    locks += 1;
    opening = null;
    if (unlocked) zeroize(unlocked.vaultKey);
    unlocked = null;
    await sessionWrite;
    await session.clear();
    deps.onLock?.();
  }

  /** The unlocked state, restored from `storage.session` after a service-worker restart. */
  async function current(): Promise<Unlocked | null> {
    if (unlocked) return unlocked;
    if (opening) return opening;
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
      const sealedIndex = await sealIndex(index, { accountId, vaultKey: keys.vaultKey });
      const recoveryRecord = sealRecoveryRecord(keys.recoveryKey, { accountId, vaultKey: keys.vaultKey });
      await db.transaction('rw', db.meta, db.items, async () => {
        if (await db.getMeta('header')) throw new UserError('VAULT_EXISTS', 'This browser already has a vault.');
        await db.putMeta('header', keys.header);
        await db.putMeta('pinnedKdf', keys.header.kdf);
        await db.putMeta('recoveryKey', recoveryRecord);
        await db.putMeta('recoveryConfirmed', false);
        await sealedIndex.put(db);
      });
      sealedIndex.done();
      const recoveryKey = encodeRecoveryKey(keys.recoveryKey);
      zeroize(keys.recoveryKey);
      becomeUnlocked(accountId, keys.vaultKey, index);
      return { recoveryKey };
    },

    async confirmRecovery(): Promise<void> {
      await requireUnlocked();
      await db.putMeta('recoveryConfirmed', true);
    },

    /**
     * Unlocks with the master password. What unlock needs besides the password is asked for before
     * the KDF (which blocks this thread): the header, the failure record and the index head in one
     * read, then the item count; the tab's URL from the start. Returns a preview to answer from when the head is
     * usable (the body then loads after the reply), or null when the whole index had to be loaded.
     */
    async unlock(password: string, opts: { pageUrl?: Promise<string | null> } = {}): Promise<UnlockPreview | null> {
      const pageUrlRead = (opts.pageUrl ?? Promise.resolve(null)).catch(() => null);
      const [h, pinned, failures, confirmed, headEnvelope] = await db.getMetas(['header', 'pinnedKdf', 'unlockFailures', 'recoveryConfirmed', 'overviewHead'] as const);
      if (!h) throw new UserError('NO_VAULT', 'There is no vault on this device yet.');
      const wait = retryAfterMs(failures, now());
      if (wait > 0) throw new UserError('RATE_LIMITED', `Too many wrong attempts. Try again in ${Math.ceil(wait / 1000)} s.`, wait);
      // Counting walks the items table: asked for only now, so the records above do not queue behind it.
      const countRead = db.items.count();
      void countRead.catch(() => undefined); // awaited below, unless the password is wrong
      let vaultKey: Uint8Array;
      try {
        const keys = await unlockVault({ password, header: h, pinned });
        zeroize(keys.authKey);
        vaultKey = keys.vaultKey;
      } catch (error) {
        throw await translateUnlockError(error);
      }
      if (failures) await db.meta.delete('unlockFailures');
      const keys = { accountId: h.accountId, vaultKey };
      // The page's buckets are named by a key derived from the vault key, so they are read now.
      const [head, count, pageUrl] = await Promise.all([openIndexHead(headEnvelope, keys), countRead, pageUrlRead]);
      const buckets = head ? bucketsFor(pageUrl, vaultKey) : [];
      const bucketRows = buckets.length ? await db.getMetas(buckets.map(bucketKey)) : [];
      const candidates =
        head && head.size === count ? await openSiteCandidates(pageUrl, new Map(buckets.map((b, i) => [b, bucketRows[i]])), head, keys) : null;
      if (!head || !candidates) {
        // A head or bucket that could not be used: load the body on its own and store every part again.
        const index = await loadOverviewIndex(db, keys, { head: null });
        becomeUnlocked(h.accountId, vaultKey, index);
        return null;
      }
      openFromHead(h.accountId, vaultKey, head);
      return { size: head.size, page: head.page, pageUrl, candidates, recoveryConfirmed: confirmed === true };
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

    lock,

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
