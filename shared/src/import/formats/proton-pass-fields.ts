// Proton Pass extra fields ({fieldName, type: text|hidden|totp|timestamp, data: {content}}) as named
// values: hidden ones stay hidden; TOTP ones are set apart because a login has a single TOTP slot.
import type { DraftField } from '../item-draft';
import { num, rec, str, type JsonRecord } from '../json-fields';

/** Extra fields to custom fields; extra TOTP fields are kept hidden (a login has one TOTP slot). */
export function extraFields(fields: readonly JsonRecord[]): { fields: DraftField[]; totps: DraftField[] } {
  const out: DraftField[] = [];
  const totps: DraftField[] = [];
  for (const f of fields) {
    const type = str(f, 'type');
    const data = rec(f, 'data');
    const value = type === 'timestamp' ? timestampText(data) : str(data, 'content') || str(data, 'totpUri');
    const draft: DraftField = { name: str(f, 'fieldName'), value, kind: type === 'hidden' || type === 'totp' ? 'hidden' : 'text' };
    (type === 'totp' ? totps : out).push(draft);
  }
  return { fields: out, totps };
}

function timestampText(data: JsonRecord | null): string {
  const seconds = num(data, 'timestamp');
  return seconds === null ? str(data, 'timestamp') : new Date(seconds * 1000).toISOString().slice(0, 10);
}
