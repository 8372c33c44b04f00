// Opens one part of a sealed item: unwraps the item key (bound to item.id), decrypts the part, zeroes
// the item key. Any mismatch — item key from another item, overview presented as details, another
// account — is a DecryptError.
import { zeroize } from './bytes.ts';
import { openItemKey } from './open-item-key.ts';
import { open } from './open.ts';
import { writeVersion, type SealedItem } from './seal-item.ts';

type OpenItemOptions = { vaultKey: Uint8Array; accountId: string; item: SealedItem };

function _openPart(opts: OpenItemOptions, part: 'overview' | 'details'): Uint8Array {
  const { vaultKey, accountId, item } = opts;
  const itemKey = openItemKey({ vaultKey, accountId, itemId: item.id, wrappedItemKey: item.key });
  try {
    const purpose = part === 'overview' ? 'item-overview' : 'item-details';
    return open(itemKey, item[part], { purpose, accountId, itemId: item.id, version: writeVersion(item.key) });
  } finally {
    zeroize(itemKey);
  }
}

export function openItemOverview(opts: OpenItemOptions): Uint8Array {
  return _openPart(opts, 'overview');
}

export function openItemDetails(opts: OpenItemOptions): Uint8Array {
  return _openPart(opts, 'details');
}
