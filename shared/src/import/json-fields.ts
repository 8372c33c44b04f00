// Typed reads from parsed JSON (`unknown`) without casts: each getter checks the member is the
// object's own and of the expected type, and answers a neutral value otherwise. Exports from other
// managers drift between versions; a member of the wrong type is treated as absent, not trusted.

export type JsonRecord = { readonly [key: string]: unknown };

export function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

function own(record: JsonRecord | null, key: string): unknown {
  return record !== null && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A string member; numbers are given as text (some exporters write numeric fields as numbers). */
export function str(record: JsonRecord | null, key: string): string {
  const value = own(record, key);
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

export function num(record: JsonRecord | null, key: string): number | null {
  const value = own(record, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function bool(record: JsonRecord | null, key: string): boolean {
  return own(record, key) === true;
}

export function rec(record: JsonRecord | null, key: string): JsonRecord | null {
  return asRecord(own(record, key));
}

export function list(record: JsonRecord | null, key: string): readonly unknown[] {
  const value = own(record, key);
  return Array.isArray(value) ? value : [];
}

export function records(record: JsonRecord | null, key: string): JsonRecord[] {
  return list(record, key).flatMap((entry) => {
    const r = asRecord(entry);
    return r === null ? [] : [r];
  });
}

export function has(record: JsonRecord | null, key: string): boolean {
  return own(record, key) !== undefined;
}

/** An ISO 8601 date-time as ms since the epoch, or null. */
export function isoTime(text: string): number | null {
  if (text === '') return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
