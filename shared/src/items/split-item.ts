// Splits an item into the two payloads the crypto layer encrypts separately: the overview
// (decrypted for every item at unlock: lists, search, autofill suggestions) and the details
// (secrets, decrypted only when an item is opened or filled). Anything not known to belong to
// the overview goes to the details, so a secret can never leak into the overview by accident.
import { ITEM_SPECS, isItemType, isOpaque, overviewKeysOf, type Details, type Item, type Overview } from './item';

const RESERVED_KEYS = new Set(['opaque', 'overviewExtra']);
const KEYS_IN_BOTH = new Set(['id', 'type', 'schemaVersion']);

function derivedOverviewOf(item: Item): Record<string, unknown> {
  if (isOpaque(item) || !isItemType(item.type)) return {};
  // The spec's derive() reads the members it needs from an item of its own type.
  const derive = ITEM_SPECS[item.type].derive as (item: Item) => Record<string, unknown>;
  return derive(item);
}

export function splitItem(item: Item): { overview: Overview; details: Details } {
  const overviewKeys = overviewKeysOf(item);
  const overview: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (RESERVED_KEYS.has(key) || value === undefined) continue;
    if (KEYS_IN_BOTH.has(key)) {
      overview[key] = value;
      details[key] = value;
    } else if (overviewKeys.has(key)) overview[key] = value;
    else details[key] = value;
  }
  Object.assign(overview, derivedOverviewOf(item));
  for (const [key, value] of Object.entries(item.overviewExtra ?? {})) {
    if (!(key in overview)) overview[key] = value;
  }
  return { overview: overview as Overview, details: details as Details };
}
