// Checks that an in-memory item would be written and read back as it is: split it and run both
// payloads through the same parsers used on stored data. Every path that produces an item from
// user input (newItem, applyEdit, resolveConflict) goes through here before anything is saved.
import type { Item } from './item';
import { parseDetails, parseOverview } from './parse-part';
import { splitItem } from './split-item';

export type ValidationResult = { ok: true } | { ok: false; reason: string };

/** Thrown by the item operations when the caller supplied fields the schema refuses. */
export class InvalidItemError extends Error {
  override readonly name = 'InvalidItemError';
}

export function validateItem(item: Item): ValidationResult {
  const { overview, details } = splitItem(item);
  const parsedOverview = parseOverview(overview);
  if (!parsedOverview.ok) return parsedOverview;
  const parsedDetails = parseDetails(details);
  if (!parsedDetails.ok) return parsedDetails;
  return { ok: true };
}

export function assertValidItem(item: Item): void {
  const result = validateItem(item);
  if (!result.ok) throw new InvalidItemError(`The item cannot be saved: ${result.reason}`);
}
