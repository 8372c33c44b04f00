// An item as stored and synced: its wrapped item key plus two envelopes sealed with the item key —
// the overview (what lists and search need) and the details (secrets) — so showing a list never
// decrypts a password. Payloads are opaque bytes (JSON from the item layer).
import { sha256 } from '@noble/hashes/sha2.js';
import { createItemKey } from './create-item-key.ts';
import { utf8ToBytes, zeroize } from './bytes.ts';
import { WRITE_VERSION_BYTES } from './envelope.ts';
import { seal } from './seal.ts';

export type SealedItem = {
  id: string;
  /** item key sealed by the vault key, purpose 'item-key' */
  key: string;
  /** purpose 'item-overview' */
  overview: string;
  /** purpose 'item-details' */
  details: string;
};

/**
 * The write an item's parts belong to: a digest of the item key as wrapped for that write. Every write
 * wraps the key afresh (a random nonce), so each write has its own version, chosen by the device and
 * carried by the key envelope itself; the overview and details are sealed with it in their associated
 * data (envelope.ts), so parts of two writes never open together (ADR 0023).
 */
export function writeVersion(wrappedItemKey: string): Uint8Array {
  return sha256(utf8ToBytes(wrappedItemKey)).slice(0, WRITE_VERSION_BYTES);
}

/** Seals an item; a fresh item key unless `itemKey` is given (which is then left to the caller). */
export function sealItem(opts: {
  vaultKey: Uint8Array;
  accountId: string;
  itemId: string;
  overview: Uint8Array;
  details: Uint8Array;
  itemKey?: Uint8Array;
}): SealedItem {
  const { accountId, itemId } = opts;
  const { itemKey, wrappedItemKey } = createItemKey(opts);
  try {
    return {
      id: itemId,
      key: wrappedItemKey,
      overview: seal(itemKey, opts.overview, { purpose: 'item-overview', accountId, itemId, version: writeVersion(wrappedItemKey) }),
      details: seal(itemKey, opts.details, { purpose: 'item-details', accountId, itemId, version: writeVersion(wrappedItemKey) }),
    };
  } finally {
    if (opts.itemKey === undefined) zeroize(itemKey);
  }
}
