// Persisting the overview index: one envelope (purpose 'overview-index') in the meta table.
// Loading tries that envelope first; if it is missing, damaged or does not match the stored items,
// it rebuilds from the per-item envelopes (the source of truth), marking items whose overview cannot
// be opened as unreadable, and saves the rebuilt index. A damaged record never breaks the vault.
import { openItemOverview } from '@keyhold/shared/crypto/open-item';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { openBinary, sealBinary } from '@keyhold/shared/crypto/seal-binary';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { decodeItemPart } from '@keyhold/shared/items/encode-part';
import { parseOverview } from '@keyhold/shared/items/parse-part';
import type { Overview } from '@keyhold/shared/items/item';
import type { VaultDb } from './db';
import { createOverviewIndex, parseSerializedIndex, type OverviewIndex } from './overview-index';

type Keys = { accountId: string; vaultKey: Uint8Array };

const indexBinding = (accountId: string): Binding => ({ purpose: 'overview-index', accountId });

export async function sealOverviewIndexAsync(index: OverviewIndex, keys: Keys): Promise<Uint8Array> {
  return sealBinary(keys.vaultKey, utf8ToBytes(index.serialize()), indexBinding(keys.accountId));
}

export async function loadOverviewIndex(db: VaultDb, keys: Keys, envelope?: Uint8Array): Promise<OverviewIndex> {
  const stored = envelope ?? (await db.getMeta('overviewIndex'));
  if (stored instanceof Uint8Array) {
    try {
      const [plaintext, count] = await Promise.all([openBinary(keys.vaultKey, stored, indexBinding(keys.accountId)), db.items.count()]);
      const index = createOverviewIndex(parseSerializedIndex(bytesToUtf8(plaintext)));
      if (index.size === count) return index;
    } catch {
      // Damaged, sealed for another account or out of step: rebuilt below from the items.
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
