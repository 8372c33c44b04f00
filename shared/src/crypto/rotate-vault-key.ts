// Rotate the vault key (e.g. after a device or the recovery key may have leaked): a new random vault
// key, wrapped by the same password's KEK and by the recovery key (the existing one, proven by
// unwrapping the old recovery wrapping, or a new one to show the user), and EVERY item re-encrypted
// under a new item key, plus any other records sealed directly by the vault key (`records`: overview
// index, manifest, settings…). All-or-nothing: it mutates nothing and returns new values only when every
// record opened; any failure throws before anything is returned. Bulk work goes through WebCrypto.
import { randomBytes, zeroize } from './bytes.ts';
import { derivePasswordKeys } from './derive-password-keys.ts';
import type { Binding } from './envelope.ts';
import { DecryptError, WrongPasswordError } from './errors.ts';
import { ITEM_KEY_BYTES } from './create-item-key.ts';
import type { KdfParams } from './kdf-params.ts';
import { openAll } from './open-many.ts';
import { decodeRecoveryKey, generateRecoveryKey } from './recovery-key.ts';
import { _unwrapWithRecoveryKey } from './reset-master-password.ts';
import { sealMany } from './seal-many.ts';
import type { SealedItem } from './seal-item.ts';
import { parseVaultHeader, type VaultHeader } from './vault-header.ts';
import { nextStamp } from './header-stamp.ts';
import { unwrapVaultKey, VAULT_KEY_BYTES, wrapVaultKey } from './wrap-vault-key.ts';

/** A record sealed directly by the vault key, with the binding it was sealed under. */
export type VaultRecord = { binding: Binding; envelope: string };

export type RecoveryChoice = { kind: 'keep'; recoveryKey: string | Uint8Array } | { kind: 'new' };

export async function rotateVaultKey(opts: {
  password: string;
  header: VaultHeader;
  pinned?: KdfParams;
  items: readonly SealedItem[];
  records?: readonly VaultRecord[];
  recovery: RecoveryChoice;
}): Promise<{ header: VaultHeader; vaultKey: Uint8Array; items: SealedItem[]; records: VaultRecord[]; recoveryKey: Uint8Array }> {
  const header = parseVaultHeader(opts.header, { pinned: opts.pinned });
  const { accountId } = header;
  const records = opts.records ?? [];
  const secrets: Uint8Array[] = [];
  const failureOnly: Uint8Array[] = [];
  try {
    const { kek, authKey } = await derivePasswordKeys(opts.password, header.kdf);
    secrets.push(kek, authKey);
    let oldVaultKey: Uint8Array;
    try {
      oldVaultKey = unwrapVaultKey({ wrapped: header.wrappedVaultKey, accountId, by: { kind: 'kek', kek } });
    } catch (error) {
      throw error instanceof DecryptError ? new WrongPasswordError() : error;
    }
    secrets.push(oldVaultKey);

    const bind = (purpose: 'item-key' | 'item-overview' | 'item-details', itemId: string): Binding => ({ purpose, accountId, itemId });
    const oldItemKeys = await openAll(opts.items.map((item) => ({ key: oldVaultKey, envelope: item.key, binding: bind('item-key', item.id) })));
    secrets.push(...oldItemKeys);
    if (oldItemKeys.some((k) => k.length !== ITEM_KEY_BYTES)) throw new DecryptError();
    const parts = await openAll(
      opts.items.flatMap((item, i) => [
        { key: oldItemKeys[i]!, envelope: item.overview, binding: bind('item-overview', item.id) },
        { key: oldItemKeys[i]!, envelope: item.details, binding: bind('item-details', item.id) },
      ]),
    );
    const recordPlaintexts = await openAll(records.map((r) => ({ key: oldVaultKey, envelope: r.envelope, binding: r.binding })));
    secrets.push(...parts, ...recordPlaintexts);

    const { recovery } = opts;
    const recoveryKey = recovery.kind === 'new' ? generateRecoveryKey() : _recoveryKeyBytes(recovery.recoveryKey);
    if (recovery.kind === 'new' || typeof recovery.recoveryKey === 'string') failureOnly.push(recoveryKey);
    // A kept recovery key must be this vault's: prove it by unwrapping the current recovery wrapping.
    if (recovery.kind === 'keep') secrets.push(_unwrapWithRecoveryKey(header, recoveryKey));
    const vaultKey = randomBytes(VAULT_KEY_BYTES);
    failureOnly.push(vaultKey);
    const newItemKeys = opts.items.map(() => randomBytes(ITEM_KEY_BYTES));
    secrets.push(...newItemKeys);
    const [wrappedItemKeys, sealedParts, sealedRecords] = await Promise.all([
      sealMany(opts.items.map((item, i) => ({ key: vaultKey, plaintext: newItemKeys[i]!, binding: bind('item-key', item.id) }))),
      sealMany(
        opts.items.flatMap((item, i) => [
          { key: newItemKeys[i]!, plaintext: parts[2 * i]!, binding: bind('item-overview', item.id) },
          { key: newItemKeys[i]!, plaintext: parts[2 * i + 1]!, binding: bind('item-details', item.id) },
        ]),
      ),
      sealMany(records.map((r, i) => ({ key: vaultKey, plaintext: recordPlaintexts[i]!, binding: r.binding }))),
    ]);
    const rotated: VaultHeader = {
      ...header,
      wrappedVaultKey: wrapVaultKey({ vaultKey, accountId, by: { kind: 'kek', kek } }),
      recoveryWrappedVaultKey: wrapVaultKey({ vaultKey, accountId, by: { kind: 'recovery', recoveryKey } }),
    };
    // Stamped with the new vault key, one epoch on (header-stamp.ts).
    rotated.stamp = nextStamp({ vaultKey, previous: header.stamp, fields: rotated });
    return {
      header: rotated,
      vaultKey,
      items: opts.items.map((item, i) => ({
        id: item.id,
        key: wrappedItemKeys[i]!,
        overview: sealedParts[2 * i]!,
        details: sealedParts[2 * i + 1]!,
      })),
      records: records.map((r, i) => ({ binding: r.binding, envelope: sealedRecords[i]! })),
      recoveryKey,
    };
  } catch (error) {
    zeroize(...failureOnly);
    throw error;
  } finally {
    zeroize(...secrets);
  }
}

function _recoveryKeyBytes(recoveryKey: string | Uint8Array): Uint8Array {
  return typeof recoveryKey === 'string' ? decodeRecoveryKey(recoveryKey) : recoveryKey;
}
