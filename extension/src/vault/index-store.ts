// Persisting the overview index: one envelope (purpose 'overview-index') in the meta table.
// Loading tries that envelope first; if it is missing, damaged or does not match the stored items,
// it rebuilds from the per-item envelopes (the source of truth), marking items whose overview cannot
// be opened as unreadable, and saves the rebuilt index. A damaged record never breaks the vault.
import { openMany } from '@keyhold/shared/crypto/open-many';
import { openItemOverview } from '@keyhold/shared/crypto/open-item';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { sealMany } from '@keyhold/shared/crypto/seal-many';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { decodeItemPart } from '@keyhold/shared/items/encode-part';
import { parseOverview } from '@keyhold/shared/items/parse-part';
import type { Overview } from '@keyhold/shared/items/item';
import type { VaultDb } from './db';
import { createOverviewIndex, parseSerializedIndex, type OverviewIndex } from './overview-index';

type Keys = { accountId: string; vaultKey: Uint8Array };

const indexBinding = (accountId: string): Binding => ({ purpose: 'overview-index', accountId });

export async function sealOverviewIndexAsync(index: OverviewIndex, keys: Keys): Promise<string> {
  const [envelope] = await sealMany([{ key: keys.vaultKey, plaintext: utf8ToBytes(index.serialize()), binding: indexBinding(keys.accountId) }]);
  return envelope!;
}

export async function loadOverviewIndex(db: VaultDb, keys: Keys, envelope?: string): Promise<OverviewIndex> {
  const stored = envelope ?? (await db.getMeta('overviewIndex'));
  if (stored) {
    const [outcome] = await openMany([{ key: keys.vaultKey, envelope: stored, binding: indexBinding(keys.accountId) }]);
    if (outcome?.ok) {
      try {
        const index = createOverviewIndex(parseSerializedIndex(bytesToUtf8(outcome.plaintext)));
        if (index.size === (await db.items.count())) return index;
      } catch {
        // Falls through to the rebuild below.
      }
    }
  }
  const index = await rebuildOverviewIndex(db, keys);
  await db.putMeta('overviewIndex', await sealOverviewIndexAsync(index, keys));
  return index;
}

async function rebuildOverviewIndex(db: VaultDb, keys: Keys): Promise<OverviewIndex> {
  const rows = await db.items.toArray();
  return createOverviewIndex(rows.map((row): [string, Overview | null] => [row.id, openOverview(row, keys)]));
}

/** The item's decrypted, parsed overview, or null when it cannot be read. */
export function openOverview(row: SealedItem, keys: Keys): Overview | null {
  try {
    const decoded = decodeItemPart(openItemOverview({ vaultKey: keys.vaultKey, accountId: keys.accountId, item: row }), { kind: 'overview' });
    if (!decoded.ok) return null;
    const parsed = parseOverview(decoded.value);
    return parsed.ok && parsed.overview.id === row.id ? parsed.overview : null;
  } catch {
    return null;
  }
}
