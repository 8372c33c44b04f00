// Sealing and opening one item row, written once for the item service and sync alike. An item opens
// only if its key, overview and details were sealed for exactly this account and item id (AEAD
// binding, docs/architecture.md "Keys and the vault format"), its overview names the same id, and its
// details name the same id and type and match the item schema. Anything else is `{ ok: false }`: the
// caller shows the item as unreadable; nothing is guessed.
import { openItemDetails, openItemOverview } from '@keyhold/shared/crypto/open-item';
import { openItemKey } from '@keyhold/shared/crypto/open-item-key';
import { sealItem, type SealedItem } from '@keyhold/shared/crypto/seal-item';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import { decodeItemPart, encodeItemPart, ItemTooLargeError } from '@keyhold/shared/items/encode-part';
import { parseDetails, parseOverview } from '@keyhold/shared/items/parse-part';
import { isJsonObject } from '@keyhold/shared/items/json';
import { joinItem } from '@keyhold/shared/items/join-item';
import { splitItem } from '@keyhold/shared/items/split-item';
import type { Item, Overview } from '@keyhold/shared/items/item';
import { UserError } from '../common/user-error';
import { t } from '../i18n/messages';

export type ItemKeys = { accountId: string; vaultKey: Uint8Array };

export type OpenedItem = { ok: true; item: Item; overview: Overview } | { ok: false };

/** The overview in decrypted bytes, if it is a valid overview of item `id`. */
export function readOverview(id: string, bytes: Uint8Array): Overview | null {
  const json = decodeItemPart(bytes, { kind: 'overview' });
  if (!json.ok) return null;
  const parsed = parseOverview(json.value);
  return parsed.ok && parsed.overview.id === id ? parsed.overview : null;
}

/** The details in decrypted bytes as JSON, if they belong to item `id` of `type`. */
export function readDetails(id: string, type: string, bytes: Uint8Array): Record<string, unknown> | null {
  const json = decodeItemPart(bytes, { kind: 'details' });
  if (!json.ok || !isJsonObject(json.value)) return null;
  return json.value.id === id && json.value.type === type ? json.value : null;
}

/** One stored row opened and parsed, synchronously. A wiped key is not "unreadable": it rethrows. */
export function openItemRow(row: SealedItem, keys: ItemKeys): OpenedItem {
  try {
    const overview = readOverview(row.id, openItemOverview({ vaultKey: keys.vaultKey, accountId: keys.accountId, item: row }));
    if (!overview) return { ok: false };
    const details = readDetails(row.id, overview.type, openItemDetails({ vaultKey: keys.vaultKey, accountId: keys.accountId, item: row }));
    const parsed = details ? parseDetails(details) : null;
    return parsed?.ok ? { ok: true, item: joinItem(overview, parsed.details), overview } : { ok: false };
  } catch (error) {
    if (error instanceof ZeroKeyError) throw error;
    return { ok: false };
  }
}

/**
 * Seals an item into a row. With `previous` (the row it replaces) the item keeps its item key, so an
 * edit re-encrypts only the two parts; without, a new item key is made.
 */
export function sealItemRow(item: Item, keys: ItemKeys, previous?: SealedItem): { row: SealedItem; overview: Overview } {
  const { overview, details } = splitItem(item);
  let itemKey: Uint8Array | undefined;
  try {
    if (previous) itemKey = openItemKey({ vaultKey: keys.vaultKey, accountId: keys.accountId, itemId: item.id, wrappedItemKey: previous.key });
    const row = sealItem({
      vaultKey: keys.vaultKey,
      accountId: keys.accountId,
      itemId: item.id,
      overview: encodeItemPart(overview, { kind: 'overview' }),
      details: encodeItemPart(details, { kind: 'details' }),
      ...(itemKey ? { itemKey } : {}),
    });
    return { row, overview };
  } catch (error) {
    if (error instanceof ItemTooLargeError) throw new UserError('INVALID', t('error_item_codec_this_item_is_too_large'));
    throw error;
  } finally {
    if (itemKey) zeroize(itemKey);
  }
}
