// A wait as the user reads it ("8 s", "2 min 5 s"): the unlock delay, the next sync attempt, and how
// long the sync server asks Keyhold to wait. Here beside t() rather than in the UI, because the
// background words the server's rate limits too (sync/account-errors.ts).
import { formatNumber } from './format';
import { t } from './messages';

/** "8 s" / "2 min 5 s" / "2 min": whole seconds, rounded up, never below one. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return t('format_wait_seconds', formatNumber(seconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? t('format_wait_minutes_seconds', formatNumber(minutes), formatNumber(rest)) : t('format_wait_minutes', formatNumber(minutes));
}
