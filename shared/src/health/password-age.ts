/**
 * When a login's password was last set, from what the item model records: each replaced password
 * goes into the item history with the time it was replaced (items/apply-edit.ts), so the newest
 * such entry is when the current password was set; with no such entry, the item's creation.
 * Conflict entries and other fields do not count. "Old" is not changed for a year.
 */
import { fieldOf, historyOf } from '../items/history';

export const OLD_PASSWORD_MS = 365 * 24 * 60 * 60 * 1000;

export function passwordSetAt(item: { createdAt?: unknown; history?: unknown }): number {
  let latest = typeof item.createdAt === 'number' ? item.createdAt : 0;
  for (const entry of historyOf(item)) {
    if (fieldOf(entry) === 'password' && entry.reason === 'changed' && entry.changedAt > latest) latest = entry.changedAt;
  }
  return latest;
}

export function isOldPassword(setAt: number, now: number, maxAgeMs = OLD_PASSWORD_MS): boolean {
  return now - setAt >= maxAgeMs;
}
