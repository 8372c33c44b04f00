// Reading one 1PUX section field: its value is an object with a single member naming the kind
// (`concealed`, `string`, `email`, `url`, `totp`, `monthYear` as 202912, `date` in Unix seconds,
// `address` as {street, city, state, zip, country}, `sshKey`, `file`, …). Each field becomes a
// named value with a custom-field kind; dates, month-years and addresses become readable text.
// Source: 1Password Support, "About the 1Password Unencrypted Export (.1pux) format".
import type { DraftField } from '../item-draft';
import { num, records, rec, str, type JsonRecord } from '../json-fields';

export type PuxField = { id: string; title: string; kind: string; text: string; draft: DraftField; attachment: boolean };

/** Every field of every section, in order; a section title prefixes names only when two fields share one. */
export function sectionFields(details: JsonRecord | null): PuxField[] {
  return records(details, 'sections').flatMap((section) =>
    records(section, 'fields').flatMap((f): PuxField[] => {
      const value = rec(f, 'value');
      const kind = value === null ? '' : (Object.keys(value)[0] ?? '');
      const title = str(f, 'title') || str(f, 'id') || kind;
      const text = valueText(value, kind);
      const attachment = kind === 'file';
      const fieldKind =
        kind === 'concealed' || kind === 'totp' || kind === 'sshKey' || kind === 'creditCardNumber' ? 'hidden' : kind === 'url' ? 'url' : 'text';
      return [{ id: str(f, 'id'), title, kind, text, attachment, draft: { name: title, value: text, kind: fieldKind } }];
    }),
  );
}

function valueText(value: JsonRecord | null, kind: string): string {
  switch (kind) {
    case 'email': {
      const email = rec(value, 'email');
      return email === null ? str(value, 'email') : str(email, 'email_address');
    }
    case 'monthYear': {
      const n = num(value, 'monthYear');
      return n === null ? '' : `${String(n % 100).padStart(2, '0')}/${Math.floor(n / 100)}`;
    }
    case 'date': {
      const seconds = num(value, 'date');
      return seconds === null ? '' : (isoDateOfSeconds(seconds) ?? '');
    }
    case 'address': {
      const a = rec(value, 'address');
      return [str(a, 'street'), [str(a, 'city'), str(a, 'state'), str(a, 'zip')].filter((p) => p !== '').join(' '), str(a, 'country')]
        .filter((p) => p.trim() !== '')
        .join('\n');
    }
    case 'sshKey': {
      const key = rec(value, 'sshKey');
      return str(key, 'privateKey');
    }
    case 'file':
      return str(rec(value, 'file'), 'fileName');
    default: {
      if (value === null) return '';
      const direct = str(value, kind);
      return direct !== '' ? direct : JSON.stringify(value[kind] ?? '');
    }
  }
}

/** Unix seconds → "YYYY-MM-DD" (UTC), or null outside the years a date field can hold. */
export function isoDateOfSeconds(seconds: number): string | null {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const iso = new Date(ms).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null;
}

/** Takes fields by id (the template's field ids: "ccnum", "cvv", "firstname"…), leaving the rest. */
export function createFieldPicker(fields: readonly PuxField[]) {
  const used = new Set<PuxField>();
  return {
    take(...ids: string[]): PuxField | undefined {
      const found = fields.find((f) => !used.has(f) && ids.includes(f.id));
      if (found !== undefined) used.add(found);
      return found;
    },
    text(...ids: string[]): string {
      return this.take(...ids)?.text ?? '';
    },
    /** Fields not taken, empty ones and attachments left out. */
    rest(): DraftField[] {
      return fields.filter((f) => !used.has(f) && !f.attachment && f.text.trim() !== '').map((f) => f.draft);
    },
  };
}
