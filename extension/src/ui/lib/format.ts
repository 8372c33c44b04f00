// Small text formatting shared by the screens: dates, durations, toasts.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago", then a date. */
export function relativeTime(at: number, now: number): string {
  const age = now - at;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  if (age < 7 * DAY) {
    const days = Math.floor(age / DAY);
    return days === 1 ? 'yesterday' : `${days} days ago`;
  }
  return new Date(at).toISOString().slice(0, 10);
}

/** The toast after copying; the background clears secrets after `clearAfterSeconds` (0 = never). */
export function copiedMessage(what: string, clearAfterSeconds: number | null): string {
  if (!clearAfterSeconds) return `${what} copied`;
  return `${what} copied — clears in ${clearAfterSeconds} s`;
}

/** "Try again in 8 s" / "in 2 min 5 s" for the unlock delay. */
/** The clipboard-clearing setting as a choice reads: "After 20 seconds", "After 2 minutes", "Never" (0). */
export function clipboardClearLabel(seconds: number): string {
  if (seconds === 0) return 'Never';
  if (seconds % 60 !== 0) return `After ${seconds} seconds`;
  const minutes = seconds / 60;
  return minutes === 1 ? 'After 1 minute' : `After ${minutes} minutes`;
}

export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** "1 item", "3 items". */
export function countText(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/** KiB as the settings show it ("64 MiB"). */
export function mebibytes(kib: number): string {
  return `${Math.round(kib / 1024)} MiB`;
}
