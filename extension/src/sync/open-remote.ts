// Opening items for sync: the envelopes a server sends (in bulk, WebCrypto via openMany, so a
// first sync of 10,000 items stays within budget) and single stored rows (the merge base, the
// local version). An item opens only if all three envelopes were sealed for exactly this account
// and this item id: envelopes swapped between items, between overview and details, or taken from
// another account fail AEAD (docs/architecture.md, "Keys and the vault format"), as do unknown envelope versions.
import { openMany, type OpenRequest } from '@keyhold/shared/crypto/open-many';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { writeVersions } from '@keyhold/shared/crypto/write-versions';
import { utf8ToBytes, zeroize } from '@keyhold/shared/crypto/bytes';
import { DETAILS_MAX_BYTES, decodeItemPart } from '@keyhold/shared/items/encode-part';
import { parseDetails } from '@keyhold/shared/items/parse-part';
import { joinItem } from '@keyhold/shared/items/join-item';
import type { Item, Overview } from '@keyhold/shared/items/item';
import { isJsonObject } from '@keyhold/shared/items/json';
import { isOpenConflict } from '@keyhold/shared/items/history';
import type { HistoryEntry } from '@keyhold/shared/items/schema-common';
import { readDetails, readOverview } from '../vault/item-codec';
import { backgroundTask } from '../common/next-task';

import { openItemRow as openSealedItem } from '../vault/item-codec';

export { openItemRow as openSealedItem, type OpenedItem } from '../vault/item-codec';

type Keys = { accountId: string; vaultKey: Uint8Array };

/**
 * An item from the server, opened: all three envelopes passed AEAD, the overview is parsed (the
 * index needs it); the details stay text, parsed into an Item only when merged (itemFromParts) —
 * which keeps a 10,000-item first sync within budget. Stored as served, they are read like any
 * stored item when opened.
 */
export type OpenedParts = { ok: true; overview: Overview; detailsText: string | null; hasOpenConflicts: boolean } | { ok: false };

const ITEM_KEY_BYTES = 32;
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text (invalid UTF-8: null; the size limit is the one decodeItemPart applies). */
function utf8Text(bytes: Uint8Array): string | null {
  if (bytes.length > DETAILS_MAX_BYTES) return null;
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Open conflicts in details text, by the item history's own rule. A conflict entry always holds the
 * text "conflict" (its reason), so details without it — nearly all — need no JSON parse at all.
 */
function hasOpenConflictsIn(detailsText: string): boolean {
  if (!detailsText.includes('"conflict"')) return false;
  const decoded = decodeItemPart(utf8ToBytes(detailsText), { kind: 'details' });
  if (!decoded.ok || !isJsonObject(decoded.value)) return false;
  const history = decoded.value.history;
  return Array.isArray(history) && history.some((entry) => isJsonObject(entry) && isOpenConflict(entry as HistoryEntry));
}

/**
 * The full item of opened parts; null if its details are not this item's or do not match its schema.
 * Parts taken from the index snapshot (no details text: index-snapshot.ts) are opened from `row` here.
 */
export function itemFromParts(parts: Extract<OpenedParts, { ok: true }>, row: SealedItem, keys: Keys): Item | null {
  if (parts.detailsText === null) {
    const opened = openSealedItem(row, keys);
    return opened.ok ? opened.item : null;
  }
  const details = readDetails(parts.overview.id, parts.overview.type, utf8ToBytes(parts.detailsText));
  const parsed = details ? parseDetails(details) : null;
  if (!parsed?.ok) return null;
  try {
    return joinItem(parts.overview, parsed.details);
  } catch {
    return null;
  }
}

/**
 * Items opened per round. A pull page is 2,000 items, 6,000 decryptions: issued at once, their
 * completions queue ahead of everything else the worker waits for — the previous page's write,
 * the manifest tree's requests — and hold those back for the length of the page. In rounds, with
 * a task boundary between them, the others get their turn after at most one round.
 */
const OPEN_ROUND = 250;

/** Opens many sealed items, in rounds (OPEN_ROUND); one bad item never hides the others. */
export async function openSealedItems(rows: readonly SealedItem[], keys: Keys): Promise<OpenedParts[]> {
  const out: OpenedParts[] = [];
  for (let start = 0; start < rows.length; start += OPEN_ROUND) {
    if (start > 0) await backgroundTask();
    out.push(...(await openRound(rows.slice(start, start + OPEN_ROUND), keys)));
  }
  return out;
}

async function openRound(rows: readonly SealedItem[], keys: Keys): Promise<OpenedParts[]> {
  // The write each key envelope names (ADR 0023), hashed while the keys are opened.
  const versions = writeVersions(rows.map((row) => row.key));
  versions.catch(() => undefined);
  const keyOutcomes = await openMany(
    rows.map((row): OpenRequest => ({
      key: keys.vaultKey,
      envelope: row.key,
      binding: { purpose: 'item-key', accountId: keys.accountId, itemId: row.id },
    })),
  );
  const parts: OpenRequest[] = [];
  const partsAt: (number | null)[] = [];
  const versionOf = await versions;
  keyOutcomes.forEach((outcome, i) => {
    const row = rows[i]!;
    if (!outcome.ok || outcome.plaintext.length !== ITEM_KEY_BYTES) {
      partsAt.push(null);
      return;
    }
    partsAt.push(parts.length);
    // Both parts open only as the parts of the write this key envelope was made for (ADR 0023).
    const version = versionOf[i]!;
    parts.push(
      { key: outcome.plaintext, envelope: row.overview, binding: { purpose: 'item-overview', accountId: keys.accountId, itemId: row.id, version } },
      { key: outcome.plaintext, envelope: row.details, binding: { purpose: 'item-details', accountId: keys.accountId, itemId: row.id, version } },
    );
  });
  let partOutcomes;
  try {
    partOutcomes = await openMany(parts);
  } finally {
    for (const outcome of keyOutcomes) if (outcome.ok) zeroize(outcome.plaintext);
  }
  return rows.map((row, i): OpenedParts => {
    const at = partsAt[i];
    if (at === null || at === undefined) return { ok: false };
    const overviewOutcome = partOutcomes[at]!;
    const detailsOutcome = partOutcomes[at + 1]!;
    const overview = overviewOutcome.ok ? readOverview(row.id, overviewOutcome.plaintext) : null;
    const detailsText = overview && detailsOutcome.ok ? utf8Text(detailsOutcome.plaintext) : null;
    if (detailsOutcome.ok) zeroize(detailsOutcome.plaintext);
    return overview && detailsText !== null ? { ok: true, overview, detailsText, hasOpenConflicts: hasOpenConflictsIn(detailsText) } : { ok: false };
  });
}
