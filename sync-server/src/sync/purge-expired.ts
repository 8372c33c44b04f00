// Housekeeping, run at start and hourly: purges tombstones older than the retention period
// (default 90 days), remembering per account the highest purged revision so that a client pulling
// from before it is told to resync; deletes expired sessions, expired unused invites, and login
// throttle entries idle for twice the longest lock (limits/login-throttle.ts).
import type { Storage } from '../storage/port';

export type PurgeResult = { tombstones: number; sessions: number; invites: number; throttles: number };

export function createPurgeExpired(deps: { storage: Storage; tombstoneRetentionMs: number; throttleIdleMs: number; now: () => number }) {
  return (): Promise<PurgeResult> =>
    deps.storage.transaction(async (tx): Promise<PurgeResult> => {
      const now = deps.now();
      const tombstones = await tx.items.purgeTombstones({ cutoff: now - deps.tombstoneRetentionMs });
      const sessions = await tx.sessions.deleteExpired({ now });
      const invites = await tx.invites.deleteExpired({ now });
      const throttles = await tx.throttles.deleteIdle({ lastAttemptBefore: now - deps.throttleIdleMs, now });
      return { tombstones, sessions, invites, throttles };
    });
}
