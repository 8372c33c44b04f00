// Rotate the vault key (e.g. after a device or the recovery key may have leaked): a new random vault
// key, wrapped by the same password's KEK and by the recovery key, and EVERY item re-encrypted under a
// new item key, plus any other records sealed directly by the vault key (`records`: overview index,
// manifest, settings…). Bulk work goes through WebCrypto.
//
// Two forms. `rotateVaultKey` is all-or-nothing in memory: it mutates nothing and returns new values
// only when every record opened. The extension rotates in steps instead, so that 10,000 items survive
// a killed service worker (docs/adr/0021-vault-key-rotation.md): `prepareVaultKeyRotation` makes the
// new key and header once, `reencryptItems` re-seals one batch of items at a time (an item that does not
// open is reported, not guessed), and the caller journals both and commits when every batch is done.
import { randomBytes, zeroize } from './bytes.ts';
import { derivePasswordKeys } from './derive-password-keys.ts';
import type { Binding } from './envelope.ts';
import { DecryptError, WrongPasswordError } from './errors.ts';
import { ITEM_KEY_BYTES } from './create-item-key.ts';
import type { KdfParams } from './kdf-params.ts';
import { openAll, openMany } from './open-many.ts';
import { decodeRecoveryKey, generateRecoveryKey } from './recovery-key.ts';
import { _unwrapWithRecoveryKey } from './reset-master-password.ts';
import { sealMany } from './seal-many.ts';
import { writeVersion, type SealedItem } from './seal-item.ts';
import { parseVaultHeader, type VaultHeader } from './vault-header.ts';
import { _successorKdfParams } from './kdf-params.ts';
import { _successorSalt, type SaltIdentity } from './kdf-salt.ts';
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

    const bind = (purpose: 'item-key' | 'item-overview' | 'item-details', itemId: string, wrappedKey?: string): Binding => ({
      purpose,
      accountId,
      itemId,
      // The parts of a write are bound to it (the key wrapped for that write, seal-item.ts).
      ...(wrappedKey === undefined ? {} : { version: writeVersion(wrappedKey) }),
    });
    const oldItemKeys = await openAll(opts.items.map((item) => ({ key: oldVaultKey, envelope: item.key, binding: bind('item-key', item.id) })));
    secrets.push(...oldItemKeys);
    if (oldItemKeys.some((k) => k.length !== ITEM_KEY_BYTES)) throw new DecryptError();
    const parts = await openAll(
      opts.items.flatMap((item, i) => [
        { key: oldItemKeys[i]!, envelope: item.overview, binding: bind('item-overview', item.id, item.key) },
        { key: oldItemKeys[i]!, envelope: item.details, binding: bind('item-details', item.id, item.key) },
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
    const [wrappedItemKeys, sealedRecords] = await Promise.all([
      sealMany(opts.items.map((item, i) => ({ key: vaultKey, plaintext: newItemKeys[i]!, binding: bind('item-key', item.id) }))),
      sealMany(records.map((r, i) => ({ key: vaultKey, plaintext: recordPlaintexts[i]!, binding: r.binding }))),
    ]);
    const sealedParts = await sealMany(
      opts.items.flatMap((item, i) => [
        { key: newItemKeys[i]!, plaintext: parts[2 * i]!, binding: bind('item-overview', item.id, wrappedItemKeys[i]) },
        { key: newItemKeys[i]!, plaintext: parts[2 * i + 1]!, binding: bind('item-details', item.id, wrappedItemKeys[i]) },
      ]),
    );
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

/**
 * The first step of a rotation in steps: proves the password (and a kept recovery key) on `header`,
 * draws the new vault key, and makes the header that will replace `header` when every item is
 * re-encrypted: the new key wrapped under the same password with a NEW KDF salt (same cost; random, or
 * derived at the new epoch for a synced vault; other devices learn of the change from the salt, as of a
 * password change, ADR 0017) and under the recovery key, stamped one epoch on with the new key.
 * Returns the old key too (the caller journals the new key sealed under it), and the previous and new auth keys for the sync server (the swap of verifiers is
 * authorised by the previous one). The caller zeroes the four keys.
 */
export async function prepareVaultKeyRotation(opts: {
  password: string;
  header: VaultHeader;
  pinned?: KdfParams;
  /** The recovery key that will wrap the new vault key; must open the current recovery wrapping. */
  recoveryKey: Uint8Array;
  /** A synced vault's identity: the new salt is derived from it at the new epoch (kdf-salt.ts), as a password change does. */
  saltFor?: SaltIdentity;
}): Promise<{ header: VaultHeader; previousVaultKey: Uint8Array; vaultKey: Uint8Array; previousAuthKey: Uint8Array; authKey: Uint8Array }> {
  const header = parseVaultHeader(opts.header, { pinned: opts.pinned });
  const { accountId } = header;
  const { kek: oldKek, authKey: previousAuthKey } = await derivePasswordKeys(opts.password, header.kdf);
  let previousVaultKey: Uint8Array;
  try {
    previousVaultKey = unwrapVaultKey({ wrapped: header.wrappedVaultKey, accountId, by: { kind: 'kek', kek: oldKek } });
  } catch (error) {
    zeroize(previousAuthKey);
    throw error instanceof DecryptError ? new WrongPasswordError() : error;
  } finally {
    zeroize(oldKek);
  }
  const vaultKey = randomBytes(VAULT_KEY_BYTES);
  try {
    // A kept recovery key must be this vault's: prove it by unwrapping the current recovery wrapping.
    zeroize(_unwrapWithRecoveryKey(header, opts.recoveryKey));
    const { memoryKiB, iterations, parallelism } = header.kdf;
    const kdf = _successorKdfParams(header.kdf, { memoryKiB, iterations, parallelism }, _successorSalt(header, opts.saltFor));
    const { kek, authKey } = await derivePasswordKeys(opts.password, kdf);
    try {
      const next: VaultHeader = {
        ...header,
        kdf,
        wrappedVaultKey: wrapVaultKey({ vaultKey, accountId, by: { kind: 'kek', kek } }),
        recoveryWrappedVaultKey: wrapVaultKey({ vaultKey, accountId, by: { kind: 'recovery', recoveryKey: opts.recoveryKey } }),
      };
      next.stamp = nextStamp({ vaultKey, previous: header.stamp, fields: next });
      return { header: next, previousVaultKey, vaultKey, previousAuthKey, authKey };
    } finally {
      zeroize(kek);
    }
  } catch (error) {
    zeroize(previousVaultKey, vaultKey, previousAuthKey);
    throw error;
  }
}

/**
 * One batch of a rotation: each item opened with `from` and sealed again under a NEW item key wrapped
 * by `to`, contents byte for byte the same. An item whose key or parts do not open under `from` is
 * listed in `unreadable` and left out (nothing is guessed); the others are returned in input order.
 */
export async function reencryptItems(opts: {
  accountId: string;
  from: Uint8Array;
  to: Uint8Array;
  items: readonly SealedItem[];
}): Promise<{ items: SealedItem[]; unreadable: string[] }> {
  const { accountId } = opts;
  const bind = (purpose: 'item-key' | 'item-overview' | 'item-details', itemId: string, wrappedKey?: string): Binding => ({
    purpose,
    accountId,
    itemId,
    // The parts of a write are bound to it (the key wrapped for that write, seal-item.ts).
    ...(wrappedKey === undefined ? {} : { version: writeVersion(wrappedKey) }),
  });
  const secrets: Uint8Array[] = [];
  try {
    const keys = await openMany(opts.items.map((item) => ({ key: opts.from, envelope: item.key, binding: bind('item-key', item.id) })));
    const parts = await openMany(
      opts.items.flatMap((item, i) => {
        const key = keys[i]!;
        // A key that did not open is asked to open nothing real (its outcome is ignored below).
        const itemKey = key.ok && key.plaintext.length === ITEM_KEY_BYTES ? key.plaintext : opts.from;
        return [
          { key: itemKey, envelope: item.overview, binding: bind('item-overview', item.id, item.key) },
          { key: itemKey, envelope: item.details, binding: bind('item-details', item.id, item.key) },
        ];
      }),
    );
    for (const o of [...keys, ...parts]) if (o.ok) secrets.push(o.plaintext);
    const readable: { item: SealedItem; overview: Uint8Array; details: Uint8Array }[] = [];
    const unreadable: string[] = [];
    opts.items.forEach((item, i) => {
      const key = keys[i]!;
      const overview = parts[2 * i]!;
      const details = parts[2 * i + 1]!;
      if (key.ok && key.plaintext.length === ITEM_KEY_BYTES && overview.ok && details.ok) {
        readable.push({ item, overview: overview.plaintext, details: details.plaintext });
      } else {
        unreadable.push(item.id);
      }
    });
    const newItemKeys = readable.map(() => randomBytes(ITEM_KEY_BYTES));
    secrets.push(...newItemKeys);
    const wrapped = await sealMany(readable.map((r, i) => ({ key: opts.to, plaintext: newItemKeys[i]!, binding: bind('item-key', r.item.id) })));
    const sealed = await sealMany(
      readable.flatMap((r, i) => [
        { key: newItemKeys[i]!, plaintext: r.overview, binding: bind('item-overview', r.item.id, wrapped[i]) },
        { key: newItemKeys[i]!, plaintext: r.details, binding: bind('item-details', r.item.id, wrapped[i]) },
      ]),
    );
    return {
      items: readable.map((r, i) => ({ id: r.item.id, key: wrapped[i]!, overview: sealed[2 * i]!, details: sealed[2 * i + 1]! })),
      unreadable,
    };
  } finally {
    zeroize(...secrets);
  }
}

function _recoveryKeyBytes(recoveryKey: string | Uint8Array): Uint8Array {
  return typeof recoveryKey === 'string' ? decodeRecoveryKey(recoveryKey) : recoveryKey;
}
