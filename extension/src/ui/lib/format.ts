// Small text formatting shared by the screens: dates, durations, toasts. The words come from the
// message catalogue and numbers and dates from Intl (docs/architecture.md, "Strings and locales").
import { formatNumber, formatRelativeTime } from '../../i18n/format';
import { t, tp } from '../../i18n/messages';

// The unlock delay and the next sync attempt are worded like the server's rate limits (i18n/wait-text.ts).
export { waitText } from '../../i18n/wait-text';

const MINUTE = 60_000;

/** "just now", then "5 minutes ago", "yesterday", "3 days ago" (Intl, the user's locale), then a date. */
export function relativeTime(at: number, now: number): string {
  if (now - at < MINUTE) return t('format_just_now');
  return formatRelativeTime(at, now);
}

/** The toast after copying; the background clears secrets after `clearAfterSeconds` (0 = never). */
export function copiedMessage(what: string, clearAfterSeconds: number | null): string {
  if (!clearAfterSeconds) return t('format_copied', what);
  return t('format_copied_clears', what, formatNumber(clearAfterSeconds));
}

/** The clipboard-clearing setting as a choice reads: "After 20 seconds", "After 2 minutes", "Never" (0). */
export function clipboardClearLabel(seconds: number): string {
  if (seconds === 0) return t('format_never');
  if (seconds % 60 !== 0) return tp('format_after_seconds', seconds);
  return tp('format_after_minutes', seconds / 60);
}

/** KiB as the settings show it ("64 MiB"). */
export function mebibytes(kib: number): string {
  return t('format_mib', formatNumber(Math.round(kib / 1024)));
}
