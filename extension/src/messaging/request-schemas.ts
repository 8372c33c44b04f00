// Building blocks of the request schemas in protocol.ts and sync/messages.ts: how a message is
// declared (its senders beside its schema), and the pieces several requests share. Bounds are about
// the boundary, not policy: they stop a hostile content script or a bug from sending huge or
// malformed requests, while the services keep their own rules and their user-facing messages
// (the KDF floors, the item schemas' reasons, an email's shape, an invite code's format).
import { z } from 'zod';
import type { Item } from '@keyhold/shared/items/item';
import { itemIdSchema } from '@keyhold/shared/items/schema-common';
import { jsonValueSchema } from '@keyhold/shared/items/json';
import { DETAILS_MAX_BYTES, OVERVIEW_MAX_BYTES } from '@keyhold/shared/items/encode-part';
import { validateItem } from '@keyhold/shared/items/validate-item';
import type { SenderKind } from './sender';

/** One message: which sender kinds may send it, and the schema its request must pass. */
export type MessageSpec = { readonly senders: readonly SenderKind[]; readonly request: z.ZodType };

/** A message only extension pages (popup, options, full-page vault) may send. */
export function page<S extends z.ZodType>(request: S): { readonly senders: readonly ['page']; readonly request: S } {
  return { senders: ['page'], request };
}

/**
 * A message content scripts send. They speak for a web page, so the page may have forged the request:
 * its schema should be strict (`z.strictObject`, closed enums, ids and tokens by their exact shape).
 */
export function content<S extends z.ZodType>(request: S): { readonly senders: readonly ['content']; readonly request: S } {
  return { senders: ['content'], request };
}

/** A message without a request body: `send(type)` with no argument. */
export const noRequest = z.undefined();

/** A master password as the user types it (also the sync password: the same secret). */
export const passwordSchema = z.string().min(1).max(4096);

/** The tab an extension page speaks for (popup.html?tabId=N); the background checks it exists. */
export const tabIdSchema = z.int().min(0);

/** Ids of the items a bulk action applies to: a whole 10,000-item vault at most. */
export const MAX_IDS = 10_000;
export const idsSchema = z.array(itemIdSchema).min(1).max(MAX_IDS);

/**
 * The largest item a page may send, as JSON text: twice the encoder's limits (encode-part.ts), so an
 * item slightly too big still reaches the item service and gets its "too large, shorten its notes"
 * message, while a runaway request stops here.
 */
export const MAX_ITEM_JSON_CHARS = 2 * (OVERVIEW_MAX_BYTES + DETAILS_MAX_BYTES);

/** At most this many items in one items.import message (importers send bigger files in batches). */
export const MAX_IMPORT_ITEMS = 1000;

/**
 * Whether `value` is an item this version would store: JSON only, bounded, and accepted by the
 * shared item schemas (validateItem splits it into overview and details and parses both, exactly as
 * stored items are read back). The item service validates again after it stamps the timestamps.
 */
function isItem(value: unknown): value is Item {
  if (!jsonValueSchema.safeParse(value).success || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (JSON.stringify(value).length > MAX_ITEM_JSON_CHARS) return false;
  try {
    // The one cast of an unchecked value to Item: validateItem is the check that makes it one. Its
    // split step reads members before the schemas run (a login's `totp.trim()`), so a malformed
    // object may throw instead of failing; either way it is refused.
    return validateItem(value as Item).ok;
  } catch {
    return false;
  }
}

/** An item as the item form or an importer sends it (Item is a union with opaque items: see item.ts). */
export const itemSchema = z.custom<Item>(isItem);
