// Numbers, dates and relative times in the user's locale, through Intl. They follow the browser's UI
// language (chrome.i18n.getUILanguage()), the way the rest of the browser shows them; the words
// around them follow the catalogue (./messages.ts, ./locale.ts say why the two can differ).
import { browser } from 'wxt/browser';

/**
 * The extension i18n API where this code runs, or undefined (unit tests in Node). Typed here by hand:
 * WXT types getMessage with the English keys only, while plural forms are keys made at run time.
 */
export function extensionI18n(): { getMessage(key: string, substitutions: string[]): string; getUILanguage(): string } | undefined {
  return (browser as unknown as { i18n?: ReturnType<typeof extensionI18n> } | undefined)?.i18n;
}

/** The browser's UI language ("en-US"); the page's language where the extension API is missing. */
export function uiLocale(): string {
  try {
    const language = extensionI18n()?.getUILanguage();
    if (language) return language;
  } catch {
    // Contexts without the i18n API (unit tests in Node) fall through.
  }
  return globalThis.navigator?.language || 'en';
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: (locale: string) => T): T {
  const locale = uiLocale();
  const id = `${locale}|${key}`;
  let format = cache.get(id) as T | undefined;
  if (!format) {
    format = make(locale);
    cache.set(id, format);
  }
  return format;
}

/** 1234 → "1,234" (en), "1.234" (de). */
export function formatNumber(value: number): string {
  return cached('number', (locale) => new Intl.NumberFormat(locale)).format(value);
}

/** A calendar date: "Dec 6, 2026" (en), "06.12.2026" (de). */
export function formatDate(at: number | Date): string {
  return cached('date', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(at);
}

/** A date and time: "Dec 6, 2026, 10:15 AM" (en). */
export function formatDateTime(at: number | Date): string {
  return cached('datetime', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(at);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago (or how soon) `at` is, from `now`: "now", "5 minutes ago", "yesterday", "in 3 hours";
 * after a week, the date.
 */
export function formatRelativeTime(at: number, now: number): string {
  const rtf = cached('relative', (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const delta = at - now;
  const age = Math.abs(delta);
  const sign = delta < 0 ? -1 : 1;
  if (age < MINUTE) return rtf.format(0, 'second');
  if (age < HOUR) return rtf.format(sign * Math.floor(age / MINUTE), 'minute');
  if (age < DAY) return rtf.format(sign * Math.floor(age / HOUR), 'hour');
  if (age < 7 * DAY) return rtf.format(sign * Math.floor(age / DAY), 'day');
  return formatDate(at);
}
