// Unwraps an item key with the vault key; fails (DecryptError) unless it was wrapped for this item.
import { DecryptError } from './errors.ts';
import { ITEM_KEY_BYTES } from './create-item-key.ts';
import { open } from './open.ts';

export function openItemKey(opts: { vaultKey: Uint8Array; accountId: string; itemId: string; wrappedItemKey: string }): Uint8Array {
  const itemKey = open(opts.vaultKey, opts.wrappedItemKey, { purpose: 'item-key', accountId: opts.accountId, itemId: opts.itemId });
  if (itemKey.length !== ITEM_KEY_BYTES) {
    itemKey.fill(0);
    throw new DecryptError();
  }
  return itemKey;
}
