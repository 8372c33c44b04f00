// Validates a decoded overview or details payload. Never throws: a record that cannot be read
// becomes `{ ok: false, reason }`, so one corrupted item shows as "cannot be read" instead of
// breaking the whole vault. Unknown types, and known types written by a newer schema version in a
// shape this version cannot read, come back as opaque parts (preserved, not rejected).
import type { z } from 'zod';
import { isJsonObject } from './json';
import {
  ITEM_SPECS,
  isItemType,
  opaqueDetailsSchema,
  opaqueOverviewSchema,
  type KnownDetails,
  type KnownOverview,
  type OpaqueDetails,
  type OpaqueOverview,
} from './item';
import { SCHEMA_VERSION } from './schema-common';

export type OverviewResult = { ok: true; overview: KnownOverview | OpaqueOverview } | { ok: false; reason: string };
export type DetailsResult = { ok: true; details: KnownDetails | OpaqueDetails } | { ok: false; reason: string };

type Part = 'overview' | 'details';
type PartResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** Names of the reserved in-memory markers (item.ts); a stored payload never carries them. */
const RESERVED_KEYS = ['opaque', 'overviewExtra'];

const MAX_ISSUES_IN_REASON = 3;

/** Issue paths and messages only: never the offending values, which may be secrets. */
function describeIssues(part: Part, type: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, MAX_ISSUES_IN_REASON).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > MAX_ISSUES_IN_REASON ? ` (and ${error.issues.length - MAX_ISSUES_IN_REASON} more)` : '';
  return `${part} of a ${type} item does not match its schema: ${issues.join('; ')}${more}`;
}

function withoutReserved(input: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...input };
  for (const key of RESERVED_KEYS) delete copy[key];
  return copy;
}

function parsePart(input: unknown, part: Part): PartResult {
  if (!isJsonObject(input)) return { ok: false, reason: `${part} is not a JSON object` };
  const record = withoutReserved(input);
  const type = record.type;
  if (typeof type !== 'string' || type === '') return { ok: false, reason: `${part} has no item type` };
  const opaqueSchema = part === 'overview' ? opaqueOverviewSchema : opaqueDetailsSchema;
  if (isItemType(type)) {
    const known = ITEM_SPECS[type][part].safeParse(record);
    if (known.success) return { ok: true, value: known.data };
    // A newer version may reshape a type we know: keep its data whole rather than call it corrupt.
    const version = record.schemaVersion;
    const newer = typeof version === 'number' && version > SCHEMA_VERSION;
    const opaque = newer ? opaqueSchema.safeParse(record) : undefined;
    if (opaque?.success) return { ok: true, value: { ...opaque.data, opaque: true } };
    return { ok: false, reason: describeIssues(part, type, known.error) };
  }
  const opaque = opaqueSchema.safeParse(record);
  if (opaque.success) return { ok: true, value: { ...opaque.data, opaque: true } };
  return { ok: false, reason: describeIssues(part, 'unknown-type', opaque.error) };
}

export function parseOverview(input: unknown): OverviewResult {
  const result = parsePart(input, 'overview');
  return result.ok ? { ok: true, overview: result.value as KnownOverview | OpaqueOverview } : result;
}

export function parseDetails(input: unknown): DetailsResult {
  const result = parsePart(input, 'details');
  return result.ok ? { ok: true, details: result.value as KnownDetails | OpaqueDetails } : result;
}
