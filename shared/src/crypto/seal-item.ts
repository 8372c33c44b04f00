// An item as stored and synced: its wrapped item key plus two envelopes sealed with the item key —
// the overview (what lists and search need) and the details (secrets) — so showing a list never
// decrypts a password. Payloads are opaque bytes (JSON from the item layer).
import { createItemKey } from './create-item-key.ts';
import { zeroize } from './bytes.ts';
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
      overview: seal(itemKey, opts.overview, { purpose: 'item-overview', accountId, itemId }),
      details: seal(itemKey, opts.details, { purpose: 'item-details', accountId, itemId }),
    };
  } finally {
    if (opts.itemKey === undefined) zeroize(itemKey);
  }
}
