// Adopting a vault-key rotation made on another device (ADR 0021). Unlock after a change elsewhere
// takes the server's header (ADR 0017) and asks whether the key it opens opens this local vault; after
// a rotation it does not: the local vault is still under the old key. It is the same vault when the
// typed password ALSO opens the local header and that old key opens the local vault — then the local
// records are re-encrypted under the adopted key and written in ONE transaction with the adopted
// header (a killed worker leaves either the old vault whole or the new one whole; never a header that
// does not open its items). The other device already pushed its re-encrypted items; sync brings them.
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { WrongPasswordError } from '@keyhold/shared/crypto/errors';
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import { reencryptItems } from '@keyhold/shared/crypto/rotate-vault-key';
import { unwrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import type { KdfParams } from '@keyhold/shared/crypto/kdf-params';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { VaultDb } from './db';
import { loadOverviewIndex, sealIndex } from './index-store';
import { createOverviewIndex, parseSerializedIndex } from './overview-index';
import { openRecoveryRecord, sealRecoveryRecord } from './recovery-record';

type Keys = { accountId: string; vaultKey: Uint8Array };

/** Rows re-encrypted per step of the in-memory pass (all are written in one transaction at the end). */
const STEP = 500;

export type PreparedAdoption = {
  /** Inside the transaction that writes the adopted header, after it: the local records, now under the new key. */
  write(): Promise<void>;
  done(): void;
};

/**
 * Null when `password` does not open the local header or its key does not open this vault (not a
 * rotation of this vault); otherwise every local record re-sealed under `to`, ready to be written.
 */
export async function prepareAdoption(
  db: VaultDb,
  input: { password: string; local: VaultHeader; pinned: KdfParams | undefined; to: Keys; opens: (keys: Keys) => Promise<boolean> },
): Promise<PreparedAdoption | null> {
  let from: Keys;
  try {
    const unlocked = await unlockVault({ password: input.password, header: input.local, ...(input.pinned ? { pinned: input.pinned } : {}) });
    zeroize(unlocked.authKey);
    from = { accountId: input.local.accountId, vaultKey: unlocked.vaultKey };
  } catch (error) {
    if (error instanceof WrongPasswordError) return null;
    throw error;
  }
  try {
    if (!(await input.opens(from))) return null;
    const rows = await db.items.toArray();
    const next: SealedItem[] = [];
    for (let i = 0; i < rows.length; i += STEP) {
      // An item that does not open under the old key stays as it is (unreadable either way).
      const done = await reencryptItems({ accountId: from.accountId, from: from.vaultKey, to: input.to.vaultKey, items: rows.slice(i, i + STEP) });
      next.push(...done.items);
    }
    const loaded = await loadOverviewIndex(db, from);
    const index = createOverviewIndex(parseSerializedIndex(loaded.serialize('')).entries);
    const sealedIndex = await sealIndex(index, input.to);
    const [record, history] = await db.getMetas(['recoveryKey', 'generatorHistory'] as const);
    let recovery: string | null = null;
    if (record) {
      const key = openRecoveryRecord(record, from);
      recovery = sealRecoveryRecord(key, input.to);
      zeroize(key);
    }
    const historyBinding = { purpose: 'generator-history' as const, accountId: from.accountId };
    let resealedHistory: string | null = null;
    if (history) {
      try {
        const plaintext = open(from.vaultKey, history, historyBinding);
        resealedHistory = seal(input.to.vaultKey, plaintext, historyBinding);
        zeroize(plaintext);
      } catch {
        resealedHistory = null; // Unreadable already: dropped.
      }
    }
    return {
      async write() {
        await db.items.bulkPut(next);
        await sealedIndex.put(db);
        // A rotation that made a new recovery key (rotation-recovery.ts) leaves this device's copy of the
        // old one opening nothing: it is dropped rather than shown as "your recovery key". The new key
        // lives on the device that made it (and with the user).
        if (recovery && keptKeyOpens(await db.getMeta('header'), recovery, input.to)) await db.putMeta('recoveryKey', recovery);
        else await db.meta.delete('recoveryKey');
        if (resealedHistory) await db.putMeta('generatorHistory', resealedHistory);
        else await db.meta.delete('generatorHistory');
        await db.meta.bulkDelete(['healthCache', 'healthReport', 'healthSummary']);
        // A rotation this device had begun itself is superseded (its journal is sealed under the old key).
        await db.meta.where('key').startsWith('rotation').delete();
      },
      done: () => sealedIndex.done(),
    };
  } finally {
    zeroize(from.vaultKey);
  }
}

/** Whether the recovery key in `record` (sealed under `keys`) opens the recovery wrapping of `header`. */
function keptKeyOpens(header: VaultHeader | undefined, record: string, keys: Keys): boolean {
  if (!header) return false;
  const recoveryKey = openRecoveryRecord(record, keys);
  try {
    zeroize(unwrapVaultKey({ wrapped: header.recoveryWrappedVaultKey, accountId: keys.accountId, by: { kind: 'recovery', recoveryKey } }));
    return true;
  } catch {
    return false;
  } finally {
    zeroize(recoveryKey);
  }
}
