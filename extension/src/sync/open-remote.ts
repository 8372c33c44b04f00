// Opening items for sync: the envelopes a server sends (in bulk, WebCrypto via openMany, so a
// first sync of 10,000 items stays within budget) and single stored rows (the merge base, the
// local version). An item opens only if all three envelopes were sealed for exactly this account
// and this item id: envelopes swapped between items, between overview and details, or taken from
// another account fail AEAD (ARCHITECTURE.md "AEAD binding"), as do unknown envelope versions.
import { openMany, type OpenRequest } from '@keyhold/shared/crypto/open-many';
import { openItemDetails, openItemOverview } from '@keyhold/shared/crypto/open-item';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import { decodeItemPart } from '@keyhold/shared/items/encode-part';
import { parseDetails, parseOverview } from '@keyhold/shared/items/parse-part';
import { joinItem } from '@keyhold/shared/items/join-item';
import type { Item, Overview } from '@keyhold/shared/items/item';

type Keys = { accountId: string; vaultKey: Uint8Array };

export type Opened = { ok: true; item: Item; overview: Overview } | { ok: false };

const ITEM_KEY_BYTES = 32;

/** Decoded, schema-checked and joined; null if the parts do not make one readable item `id`. */
function readParts(id: string, overviewBytes: Uint8Array, detailsBytes: Uint8Array): { item: Item; overview: Overview } | null {
  const overviewJson = decodeItemPart(overviewBytes, { kind: 'overview' });
  const detailsJson = decodeItemPart(detailsBytes, { kind: 'details' });
  if (!overviewJson.ok || !detailsJson.ok) return null;
  const overview = parseOverview(overviewJson.value);
  const details = parseDetails(detailsJson.value);
  if (!overview.ok || !details.ok || overview.overview.id !== id || details.details.id !== id) return null;
  try {
    return { item: joinItem(overview.overview, details.details), overview: overview.overview };
  } catch {
    return null;
  }
}

/** Opens many sealed items at once; one bad item never hides the others. */
export async function openSealedItems(rows: readonly SealedItem[], keys: Keys): Promise<Opened[]> {
  const keyOutcomes = await openMany(
    rows.map((row): OpenRequest => ({ key: keys.vaultKey, envelope: row.key, binding: { purpose: 'item-key', accountId: keys.accountId, itemId: row.id } })),
  );
  const parts: OpenRequest[] = [];
  const partsAt: (number | null)[] = [];
  keyOutcomes.forEach((outcome, i) => {
    const row = rows[i]!;
    if (!outcome.ok || outcome.plaintext.length !== ITEM_KEY_BYTES) {
      partsAt.push(null);
      return;
    }
    partsAt.push(parts.length);
    parts.push(
      { key: outcome.plaintext, envelope: row.overview, binding: { purpose: 'item-overview', accountId: keys.accountId, itemId: row.id } },
      { key: outcome.plaintext, envelope: row.details, binding: { purpose: 'item-details', accountId: keys.accountId, itemId: row.id } },
    );
  });
  let partOutcomes;
  try {
    partOutcomes = await openMany(parts);
  } finally {
    for (const outcome of keyOutcomes) if (outcome.ok) zeroize(outcome.plaintext);
  }
  return rows.map((row, i): Opened => {
    const at = partsAt[i];
    if (at === null || at === undefined) return { ok: false };
    const overview = partOutcomes[at]!;
    const details = partOutcomes[at + 1]!;
    const read = overview.ok && details.ok ? readParts(row.id, overview.plaintext, details.plaintext) : null;
    if (details.ok) zeroize(details.plaintext);
    return read ? { ok: true, ...read } : { ok: false };
  });
}

/** One stored row (a merge base or the local version), opened synchronously. */
export function openSealedItem(row: SealedItem, keys: Keys): Opened {
  try {
    const read = readParts(
      row.id,
      openItemOverview({ vaultKey: keys.vaultKey, accountId: keys.accountId, item: row }),
      openItemDetails({ vaultKey: keys.vaultKey, accountId: keys.accountId, item: row }),
    );
    return read ? { ok: true, ...read } : { ok: false };
  } catch {
    return { ok: false };
  }
}
