// Joins a parsed overview and details payload into one flat item. Derived overview members
// (hasTotp, last4, fullName) are dropped because splitItem recomputes them; overview members this
// version does not know are kept aside in `overviewExtra` so they go back where they came from.
import type { JsonObject } from './json';
import { DERIVED_OVERVIEW_KEYS, isItemType, isOpaque, overviewKeysOf, type Details, type Item, type Overview } from './item';

/** Thrown when the two parts do not belong together: a bug or tampering, never user input. */
export class ItemMismatchError extends Error {
  override readonly name = 'ItemMismatchError';
}

export function joinItem(overview: Overview, details: Details): Item {
  if (overview.id !== details.id) throw new ItemMismatchError('overview and details belong to different items');
  if (overview.type !== details.type) throw new ItemMismatchError('overview and details disagree on the item type');
  const opaque = isOpaque(overview) || isOpaque(details);
  const overviewKeys = overviewKeysOf({ type: overview.type, opaque });
  const derived = !opaque && isItemType(overview.type) ? DERIVED_OVERVIEW_KEYS[overview.type] : [];
  const item: Record<string, unknown> = {};
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(overview)) {
    if (key === 'opaque' || derived.includes(key)) continue;
    if (overviewKeys.has(key)) item[key] = value;
    else extra[key] = value as JsonObject[string];
  }
  for (const [key, value] of Object.entries(details)) {
    if (key !== 'opaque') item[key] = value;
  }
  // Both parts are written together; should they ever differ, the newer writer's version stands.
  item.schemaVersion = Math.max(overview.schemaVersion, details.schemaVersion);
  if (Object.keys(extra).length > 0) item.overviewExtra = extra;
  if (opaque) item.opaque = true;
  return item as Item;
}
