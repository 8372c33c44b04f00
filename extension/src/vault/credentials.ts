// What protects the vault key, changed while unlocked: the master password and its KDF cost (one
// re-wrap, published to the sync server first), the recovery key (shown again or replaced, each only
// with the master password), and the calibration of the KDF cost on this device.
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { changeMasterPassword } from '@keyhold/shared/crypto/change-master-password';
import { encodeRecoveryKey, generateRecoveryKey } from '@keyhold/shared/crypto/recovery-key';
import { wrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import { nextStamp } from '@keyhold/shared/crypto/header-stamp';
import { deriveMasterKey } from '@keyhold/shared/crypto/derive-master-key';
import { kdfCostProblem, newKdfParams, type KdfCost, type KdfParams } from '@keyhold/shared/crypto/kdf-params';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { SaltIdentity } from '@keyhold/shared/crypto/kdf-salt';
import type { Item } from '@keyhold/shared/items/item';
import { UserError } from '../common/user-error';
import type { VaultDb } from './db';
import type { VaultSession } from './session';
import { openRecoveryRecord, sealRecoveryRecord } from './recovery-record';
import { openItemRow } from './item-codec';
import { noVaultError, readHeader, refuseWhileThrottled, translateUnlockError, writeHeader } from './header-record';
import { t } from '../i18n/messages';

/**
 * Told about header changes before they are written locally (sync keeps the server's copy in step);
 * throwing cancels the change.
 */
export type HeaderPublisher = {
  passwordChanged(change: { previous: VaultHeader; currentPassword: string; next: VaultHeader; newAuthKey: Uint8Array }): Promise<void>;
  headerChanged(change: { next: VaultHeader }): Promise<void>;
  /**
   * A reset with the recovery key (the current password is unknown): `vaultKey` opens this device's
   * sealed session token, the only authority the server gets (ADR 0017).
   */
  passwordReset(change: { previous: VaultHeader; next: VaultHeader; newAuthKey: Uint8Array; vaultKey: Uint8Array }): Promise<void>;
  /**
   * The sync account's server origin and email while this device syncs: a re-wrap then derives its
   * new salt from them (crypto/kdf-salt.ts, ADR 0020) instead of drawing a random one.
   */
  saltIdentity?(): Promise<SaltIdentity | undefined>;
};

export type CredentialDeps = {
  db: VaultDb;
  session: VaultSession;
  now: () => number;
  publisher?: HeaderPublisher;
  /** Drops the quick-unlock wraps (vault/quick-unlock/) after the master password or its cost changed. */
  dropQuickUnlock?: () => Promise<void>;
};

export function createCredentials(deps: CredentialDeps) {
  const { db, session, now } = deps;

  /**
   * The master-password check every credential change makes: refuses while the wrong-password delay
   * runs, runs `attempt` (the slow derivation) on the stored header, counts a wrong password, and
   * clears the count after a right one.
   */
  async function checkPassword<T>(attempt: (stored: { header: VaultHeader; pinned: KdfParams | undefined }) => Promise<T>): Promise<T> {
    const [header, pinned, failures] = await db.getMetas(['header', 'pinnedKdf', 'unlockFailures'] as const);
    if (!header) throw noVaultError();
    refuseWhileThrottled(failures, now());
    let result: T;
    try {
      result = await attempt({ header, pinned });
    } catch (error) {
      throw await translateUnlockError(db, error, now());
    }
    if (failures) await db.meta.delete('unlockFailures');
    return result;
  }

  /**
   * Checks the master password and lends the vault key it opens, inside a loan of the session: refused
   * while locked, and a lock waits for it (the recovery key is never shown or replaced after a lock).
   */
  function withPassword<T>(password: string, work: (opened: { vaultKey: Uint8Array; header: VaultHeader }) => Promise<T>): Promise<T> {
    return session.borrow(async () => {
      const opened = await checkPassword(async ({ header, pinned }) => {
        const unlocked = await unlockVault({ password, header, pinned });
        zeroize(unlocked.authKey);
        return { vaultKey: unlocked.vaultKey, header };
      });
      try {
        return await work(opened);
      } finally {
        zeroize(opened.vaultKey);
      }
    });
  }

  /**
   * A new password or KDF cost (a KDF change is a re-wrap under the same password): re-derives and
   * re-wraps the vault key (the key itself is unchanged), publishes, then writes and re-pins.
   */
  async function rewrap(currentPassword: string, change: { newPassword: string; kdf?: KdfCost }): Promise<void> {
    await session.borrow(async () => {
      const saltFor = await deps.publisher?.saltIdentity?.();
      const { previous, next } = await checkPassword(async ({ header, pinned }) => ({
        previous: header,
        next: await changeMasterPassword({
          currentPassword,
          newPassword: change.newPassword,
          header,
          pinned,
          ...(change.kdf ? { kdf: change.kdf } : {}),
          ...(saltFor ? { saltFor } : {}),
        }),
      }));
      try {
        await deps.publisher?.passwordChanged({ previous, currentPassword, next: next.header, newAuthKey: next.authKey });
      } finally {
        zeroize(next.authKey);
      }
      await writeHeader(db, next.header);
      await deps.dropQuickUnlock?.();
    });
  }

  return {
    async confirmRecovery(): Promise<void> {
      await session.borrow(() => db.putMeta('recoveryConfirmed', true));
    },

    changePassword: (currentPassword: string, newPassword: string) => rewrap(currentPassword, { newPassword }),

    setKdf(password: string, cost: KdfCost): Promise<void> {
      const problem = kdfCostProblem(cost);
      if (problem) return Promise.reject(new UserError('INVALID', problem));
      return rewrap(password, { newPassword: password, kdf: cost });
    },

    /** Checks the master password (throttled like unlock) while unlocked: a passkey's user verification, when the setting asks for it. */
    confirmPassword(password: string): Promise<void> {
      return withPassword(password, async () => undefined);
    },

    viewRecoveryKey(password: string): Promise<{ recoveryKey: string }> {
      return withPassword(password, async ({ vaultKey, header: h }) => {
        const record = await db.getMeta('recoveryKey');
        if (!record) throw new UserError('NOT_FOUND', t('error_credentials_this_vault_has_no_stored'));
        const key = openRecoveryRecord(record, { accountId: h.accountId, vaultKey });
        const text = encodeRecoveryKey(key);
        zeroize(key);
        return { recoveryKey: text };
      });
    },

    /**
     * Every item, decrypted, for an export (the page builds the file): like the recovery key, only
     * with the master password, checked and throttled as at unlock, and inside a loan of the session.
     */
    exportItems(password: string): Promise<{ items: Item[]; unreadable: number }> {
      return withPassword(password, async ({ vaultKey, header: h }) => {
        const items: Item[] = [];
        let unreadable = 0;
        for (const row of await db.items.toArray()) {
          const opened = openItemRow(row, { accountId: h.accountId, vaultKey });
          if (opened.ok) items.push(opened.item);
          else unreadable += 1;
        }
        return { items, unreadable };
      });
    },

    regenerateRecoveryKey(password: string): Promise<{ recoveryKey: string }> {
      return withPassword(password, async ({ vaultKey, header: h }) => {
        const recoveryKey = generateRecoveryKey();
        try {
          const next: VaultHeader = {
            ...h,
            recoveryWrappedVaultKey: wrapVaultKey({ vaultKey, accountId: h.accountId, by: { kind: 'recovery', recoveryKey } }),
          };
          // A new stamp one epoch on: other devices must not be handed the old recovery wrapping back.
          next.stamp = nextStamp({ vaultKey, previous: h.stamp, fields: next });
          const record = sealRecoveryRecord(recoveryKey, { accountId: h.accountId, vaultKey });
          await deps.publisher?.headerChanged({ next });
          await db.transaction('rw', db.meta, async () => {
            await db.putMeta('header', next);
            await db.putMeta('recoveryKey', record);
            await db.putMeta('recoveryConfirmed', false);
          });
          return { recoveryKey: encodeRecoveryKey(recoveryKey) };
        } finally {
          zeroize(recoveryKey);
        }
      });
    },

    async kdfCost(): Promise<KdfCost> {
      const { memoryKiB, iterations, parallelism } = (await readHeader(db)).kdf;
      return { memoryKiB, iterations, parallelism };
    },

    /** Times one derivation with the given cost on this device (the "calibrate" button). */
    async calibrate(cost: KdfCost): Promise<{ ms: number }> {
      const problem = kdfCostProblem(cost);
      if (problem) throw new UserError('INVALID', problem);
      const params = newKdfParams(cost);
      const started = performance.now();
      zeroize(await deriveMasterKey('calibration only', params));
      return { ms: Math.round(performance.now() - started) };
    },
  };
}
