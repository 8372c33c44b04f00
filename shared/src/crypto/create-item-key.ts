// Item keys: each item has its own random 32-byte key, sealed by the vault key with purpose 'item-key'
// and bound to account and item, so a wrapped key copied onto another item does not open there.
import { _assertBytes, randomBytes } from './bytes.ts';
import { KEY_BYTES } from './envelope.ts';
import { seal } from './seal.ts';
import { VAULT_KEY_BYTES } from './wrap-vault-key.ts';

export const ITEM_KEY_BYTES = KEY_BYTES;

/**
 * A new random item key and its wrapped form. Pass `itemKey` to wrap an existing key instead (e.g. to
 * re-seal an edited item under the key it already has). The caller zeroes `itemKey` when done.
 */
export function createItemKey(opts: { vaultKey: Uint8Array; accountId: string; itemId: string; itemKey?: Uint8Array }): {
  itemKey: Uint8Array;
  wrappedItemKey: string;
} {
  _assertBytes(opts.vaultKey, 'vaultKey', VAULT_KEY_BYTES);
  if (opts.itemKey !== undefined) _assertBytes(opts.itemKey, 'itemKey', ITEM_KEY_BYTES);
  const itemKey = opts.itemKey ?? randomBytes(ITEM_KEY_BYTES);
  const wrappedItemKey = seal(opts.vaultKey, itemKey, { purpose: 'item-key', accountId: opts.accountId, itemId: opts.itemId });
  return { itemKey, wrappedItemKey };
}
