// Card expiry dates as exporters write them — separate month and year cells ("1", "01", "2029",
// "29"), "MM/YY", "MM/YYYY", "YYYY-MM", 1Password's number 202912, LastPass's "January,2029" — read
// into Keyhold's month and year. Text that reads as neither is kept as a field, never dropped.
import type { DraftField } from './item-draft';

export type ExpiryFields = { expMonth: number | null; expYear: number | null };

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function monthOf(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d{1,2}$/.test(t)) {
    const month = Number(t);
    return month >= 1 && month <= 12 ? month : null;
  }
  const index = t.length >= 3 ? MONTH_NAMES.indexOf(t.slice(0, 3)) : -1;
  return index === -1 ? null : index + 1;
}

/** A four-digit year, or a two-digit one read as 20xx (cards do not expire in the 1900s). */
export function yearOf(text: string): number | null {
  const t = text.trim();
  if (!/^(\d{2}|\d{4})$/.test(t)) return null;
  const year = t.length === 2 ? 2000 + Number(t) : Number(t);
  return year >= 1900 && year <= 9999 ? year : null;
}

function splitExpiry(text: string): { month: string; year: string } | null {
  const t = text.trim();
  const yearFirst = /^(\d{4})[-/.]?(\d{1,2})$/.exec(t);
  if (yearFirst !== null && Number(yearFirst[1]) >= 1900) return { year: yearFirst[1] ?? '', month: yearFirst[2] ?? '' };
  const monthFirst = /^([a-z]+|\d{1,2})\s*[-/.,\s]\s*(\d{2}|\d{4})$/i.exec(t);
  return monthFirst === null ? null : { month: monthFirst[1] ?? '', year: monthFirst[2] ?? '' };
}

/** Month and year from separate cells or one text; what cannot be read comes back as a field. */
export function cardExpiry(input: { month: string; year: string } | { text: string }): { fields: ExpiryFields; unmapped: DraftField[] } {
  const parts = 'text' in input ? (input.text.trim() === '' ? { month: '', year: '' } : splitExpiry(input.text)) : input;
  const original = 'text' in input ? input.text.trim() : [input.month.trim(), input.year.trim()].filter((p) => p !== '').join('/');
  const expMonth = parts === null ? null : monthOf(parts.month);
  const expYear = parts === null ? null : yearOf(parts.year);
  const unread =
    original !== '' && (parts === null || (parts.month.trim() !== '' && expMonth === null) || (parts.year.trim() !== '' && expYear === null));
  return { fields: { expMonth, expYear }, unmapped: unread ? [{ name: 'Expiry', value: original, kind: 'text' }] : [] };
}
