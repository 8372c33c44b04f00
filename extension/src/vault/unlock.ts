// Opening the vault: create a new one, unlock with the master password, unlock with a key log-in has
// already opened, and reset a forgotten password with the recovery key. Each hands the vault key to
// the session (session.ts) with the ticket it took before its slow work, so a lock that came meanwhile
// wins. Unlock answers from the index head (ADR 0007) and lets the body load after its reply.
// When sync says the master password was changed on another device, unlock goes through the server's
// header instead of the local one (remote-credentials.ts, ADR 0017), and a reset with the recovery
// key is published before it is written, like a password change.
import { createAccountKeys } from '@keyhold/shared/crypto/create-account-keys';
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { resetMasterPassword } from '@keyhold/shared/crypto/reset-master-password';
import { decodeRecoveryKey, encodeRecoveryKey } from '@keyhold/shared/crypto/recovery-key';
import { newKdfParams, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { RecoveryKeyError } from '@keyhold/shared/crypto/errors';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import type { Overview } from '@keyhold/shared/items/item';
import { UserError } from '../common/user-error';
import type { VaultDb } from './db';
import type { VaultSession } from './session';
import { createOverviewIndex, type ListPage, type OverviewIndex } from './overview-index';
import { bucketKey, bucketsFor, loadOverviewIndex, openIndexHead, openSiteCandidates, sealIndex } from './index-store';
import { sealRecoveryRecord } from './recovery-record';
import { noVaultError, readHeader, refuseWhileThrottled, translateUnlockError } from './header-record';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { KdfParams } from '@keyhold/shared/crypto/kdf-params';
import type { HeaderPublisher } from './credentials';
import type { RemoteCredentials } from './remote-credentials';
import { openRecoveryRecord } from './recovery-record';
import { openItemRow } from './item-codec';
import { prepareAdoption, type PreparedAdoption } from './adopt-rotation';
import { t } from '../i18n/messages';

/** What is wrong with a typed recovery key, in the user's language (the shared decoder says it in English). */
function recoveryKeyProblem(error: RecoveryKeyError): string {
  const { character, expected, actual } = error.details;
  if (error.reason === 'invalid-character') return t('error_recovery_key_character', String(character));
  if (error.reason === 'wrong-length') return t('error_recovery_key_length', String(expected), String(actual));
  if (error.reason === 'typo') return t('error_recovery_key_typo');
  return error.message;
}

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

export type UnlockDeps = {
  db: VaultDb;
  session: VaultSession;
  now: () => number;
  /** KDF cost for new vaults; the defaults (64 MiB, t=3, p=4) unless a test asks for the floors. */
  newVaultKdf?: KdfCost;
  /** Sync's view of the master password on the server (password changed on another device). */
  remote?: RemoteCredentials;
  /** Publishes a reset with the recovery key before it is written (sync keeps the server in step). */
  publisher?: Pick<HeaderPublisher, 'passwordReset' | 'saltIdentity'>;
  /** Drops the quick-unlock wraps (vault/quick-unlock/): the master password has changed. */
  dropQuickUnlock?: () => Promise<void>;
};

const WRONG_AFTER_CHANGE = t('error_unlock_wrong_after_change');

/** Builds the search index just after the reply that needed the overview index has gone out. */
export function warmSearch(index: OverviewIndex): void {
  setTimeout(() => index.prepareSearch(), 0);
}

/** Lets the reply that needed the head go out before the body is read (one macrotask). */
const afterReply = () => new Promise((resolve) => setTimeout(resolve, 0));

export function createUnlock(deps: UnlockDeps) {
  const { db, session, now } = deps;
  /** Set when an unlock adopted a header from another device's password change, until the next status says so once. */
  let adoptedNotice = false;

  /** Loads the whole index, then opens the session. `repair`: the head was unusable, store every part again. */
  async function openWholeIndex(
    ticket: number,
    keys: { accountId: string; vaultKey: Uint8Array },
    options: { repair?: boolean } = {},
  ): Promise<void> {
    let index;
    try {
      index = await loadOverviewIndex(db, keys, options.repair ? { head: null } : {});
    } catch (error) {
      zeroize(keys.vaultKey);
      throw error;
    }
    await session.open(ticket, keys, index);
    warmSearch(index);
  }

  /** Whether this vault key opens something sealed in this local vault (the index head, the recovery record or an item). */
  async function opensThisVault(keys: { accountId: string; vaultKey: Uint8Array }): Promise<boolean> {
    const [head, recovery] = await db.getMetas(['overviewHead', 'recoveryKey'] as const);
    if (await openIndexHead(head, keys)) return true;
    if (recovery) {
      try {
        zeroize(openRecoveryRecord(recovery, keys));
        return true;
      } catch {
        // Not this vault key; an item may still say.
      }
    }
    // One query (items are read by queries: vault/item-buckets.ts).
    const [row] = await db.items.limit(1).toArray();
    return row ? openItemRow(row, keys).ok : false;
  }

  /**
   * Unlock after the password was changed elsewhere: the server's header, opened with `password`,
   * checked (remote-credentials.ts), written, and the session opened. The local header is not tried:
   * the old password it opens must stop working.
   */
  async function unlockThroughServer(ticket: number, password: string, local: VaultHeader, pinned: KdfParams | undefined): Promise<null> {
    const remote = deps.remote!;
    let adopted;
    // A rotation of the vault key on another device (ADR 0021): the server's key does not open this
    // vault, the typed password's old key does; the local records are then re-encrypted with the header.
    const rotated: { adoption: PreparedAdoption | null } = { adoption: null };
    const opensLocal = async (keys: { accountId: string; vaultKey: Uint8Array }): Promise<boolean> => {
      if (await opensThisVault(keys)) return true;
      rotated.adoption = await prepareAdoption(db, { password, local, pinned, to: keys, opens: opensThisVault });
      return rotated.adoption !== null;
    };
    try {
      adopted = await remote.adopt({ password, local, pinned, opensLocal });
    } catch (error) {
      const translated = await translateUnlockError(db, error, now());
      if (translated instanceof UserError && translated.code === 'WRONG_PASSWORD') {
        throw new UserError('WRONG_PASSWORD', WRONG_AFTER_CHANGE, translated.retryAfterMs);
      }
      throw translated;
    }
    try {
      await db.transaction('rw', [db.meta, db.items], async () => {
        await db.putMeta('header', adopted.header);
        await db.putMeta('pinnedKdf', adopted.header.kdf);
        await db.meta.delete('unlockFailures');
        await rotated.adoption?.write();
      });
      rotated.adoption?.done();
    } catch (error) {
      zeroize(adopted.vaultKey);
      await adopted.abandon();
      throw error;
    }
    await deps.dropQuickUnlock?.();
    try {
      await adopted.finish();
    } catch (error) {
      // The header is adopted; sync asks to sign in again at its next run.
      console.warn('Keyhold: sync did not resume after the password change', error);
    }
    await openWholeIndex(ticket, { accountId: local.accountId, vaultKey: adopted.vaultKey }, { repair: true });
    adoptedNotice = true;
    return null;
  }

  return {
    /** Whether the last unlock took another device's new password (answered once, then forgotten). */
    takeAdoptedNotice(): boolean {
      const notice = adoptedNotice;
      adoptedNotice = false;
      return notice;
    },

    async create(password: string): Promise<{ recoveryKey: string }> {
      const ticket = session.ticket();
      if (await db.getMeta('header')) throw new UserError('VAULT_EXISTS', t('error_log_in_this_browser_already_has_a'));
      const keys = await createAccountKeys({ password, kdf: newKdfParams(deps.newVaultKdf) });
      zeroize(keys.authKey);
      const index = createOverviewIndex();
      const { accountId } = keys.header;
      try {
        const sealedIndex = await sealIndex(index, { accountId, vaultKey: keys.vaultKey });
        const recoveryRecord = sealRecoveryRecord(keys.recoveryKey, { accountId, vaultKey: keys.vaultKey });
        await db.transaction('rw', db.meta, db.items, async () => {
          if (await db.getMeta('header')) throw new UserError('VAULT_EXISTS', t('error_log_in_this_browser_already_has_a'));
          await db.putMeta('header', keys.header);
          await db.putMeta('pinnedKdf', keys.header.kdf);
          await db.putMeta('recoveryKey', recoveryRecord);
          await db.putMeta('recoveryConfirmed', false);
          await sealedIndex.put(db);
        });
        sealedIndex.done();
      } catch (error) {
        zeroize(keys.vaultKey, keys.recoveryKey);
        throw error;
      }
      const recoveryKey = encodeRecoveryKey(keys.recoveryKey);
      zeroize(keys.recoveryKey);
      await session.open(ticket, { accountId, vaultKey: keys.vaultKey }, index);
      return { recoveryKey };
    },

    /**
     * Unlocks with the master password. What unlock needs besides the password is asked for before
     * the KDF (which blocks this thread): the header, the failure record and the index head in one
     * read, then the item count; the tab's URL from the start. Returns a preview to answer from when
     * the head is usable (the body then loads after the reply), or null when the whole index was loaded.
     */
    async unlock(password: string, opts: { pageUrl?: Promise<string | null> } = {}): Promise<UnlockPreview | null> {
      const ticket = session.ticket();
      const pageUrlRead = (opts.pageUrl ?? Promise.resolve(null)).catch(() => null);
      const [h, pinned, failures, confirmed, headEnvelope] = await db.getMetas([
        'header',
        'pinnedKdf',
        'unlockFailures',
        'recoveryConfirmed',
        'overviewHead',
      ] as const);
      if (!h) throw noVaultError();
      refuseWhileThrottled(failures, now());
      const remote = deps.remote;
      if (remote && (await remote.pending())) return unlockThroughServer(ticket, password, h, pinned);
      // The server's salt is asked for while the KDF runs: a new salt means a new password elsewhere.
      // Awaited only after the KDF, so it is caught here (a check that fails — offline, or the
      // database closed under a killed worker — says nothing, like an unknown answer); left bare, its
      // rejection would go unhandled for the length of the KDF.
      const checking = (remote ? remote.check(h) : Promise.resolve('unknown' as const)).catch(() => 'unknown' as const);
      // Counting walks the items table: asked for only now, so the records above do not queue behind it.
      const countRead = db.items.count();
      void countRead.catch(() => undefined); // awaited below, unless the password is wrong
      let vaultKey: Uint8Array | null = null;
      let refused: unknown = null;
      try {
        const opened = await unlockVault({ password, header: h, pinned });
        zeroize(opened.authKey);
        vaultKey = opened.vaultKey;
      } catch (error) {
        refused = error;
      }
      if ((await checking) === 'changed') {
        if (vaultKey) zeroize(vaultKey);
        return unlockThroughServer(ticket, password, h, pinned);
      }
      if (!vaultKey) throw await translateUnlockError(db, refused, now());
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
        await openWholeIndex(ticket, keys, { repair: true });
        return null;
      }
      await session.open(ticket, keys, async () => {
        await afterReply();
        const index = await loadOverviewIndex(db, keys, { head });
        warmSearch(index);
        return index;
      });
      return { size: head.size, page: head.page, pageUrl, candidates, recoveryConfirmed: confirmed === true };
    },

    /**
     * Unlocks with a vault key the caller has already opened with this password's KEK — log-in on
     * a new browser, which has just unwrapped the server's copy of the same header — so the slow
     * derivation is not run twice. Takes ownership of `vaultKey`.
     */
    /**
     * Opens the session with a vault key a quick unlock (PIN or PRF, vault/quick-unlock/) has unwrapped,
     * under the ticket it took before its slow work. Takes ownership of the key.
     */
    openWithKey(ticket: number, keys: { accountId: string; vaultKey: Uint8Array }): Promise<void> {
      return openWholeIndex(ticket, keys);
    },

    async unlockWithOpenedKey(vaultKey: Uint8Array): Promise<void> {
      const ticket = session.ticket();
      const h = await readHeader(db);
      await openWholeIndex(ticket, { accountId: h.accountId, vaultKey });
    },

    async resetWithRecoveryKey(recoveryKeyText: string, newPassword: string): Promise<void> {
      const ticket = session.ticket();
      const h = await readHeader(db);
      let recoveryKey: Uint8Array;
      let result: Awaited<ReturnType<typeof resetMasterPassword>>;
      try {
        recoveryKey = decodeRecoveryKey(recoveryKeyText);
        try {
          // While synced, the new salt is derived from the account's identity (ADR 0020).
          const saltFor = await deps.publisher?.saltIdentity?.();
          result = await resetMasterPassword({ recoveryKey, newPassword, header: h, ...(saltFor ? { saltFor } : {}) });
        } finally {
          zeroize(recoveryKey);
        }
      } catch (error) {
        if (error instanceof RecoveryKeyError) throw new UserError('INVALID', recoveryKeyProblem(error));
        throw error;
      }
      try {
        // Published first (the other devices are signed out): if the server cannot take it, nothing changes.
        await deps.publisher?.passwordReset({ previous: h, next: result.header, newAuthKey: result.authKey, vaultKey: result.vaultKey });
      } catch (error) {
        zeroize(result.vaultKey);
        throw error;
      } finally {
        zeroize(result.authKey);
      }
      await db.transaction('rw', db.meta, async () => {
        await db.putMeta('header', result.header);
        await db.putMeta('pinnedKdf', result.header.kdf);
        await db.meta.delete('unlockFailures');
      });
      await deps.dropQuickUnlock?.();
      await openWholeIndex(ticket, { accountId: h.accountId, vaultKey: result.vaultKey });
    },
  };
}
