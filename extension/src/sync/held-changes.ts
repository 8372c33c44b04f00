// Held changes — served by the server but not (yet) vouched for by any device's manifest entry —
// are judged again on every run against a freshly fetched manifest: the device that wrote one
// normally lists it within moments, and it is then applied. One that stays unconfirmed past the
// grace period is reported (it may be a replayed or forged change); it stays held, never applied,
// and from then on is judged again only when a run fetched the manifest anyway (a held change
// must not cost a manifest download every five minutes).
import { processIncoming } from './pull-changes';
import type { SyncRun } from './sync-run';

/** How long a change may wait for its writer's manifest entry before the user is told. */
export const HOLD_GRACE_MS = 15 * 60 * 1000;

/** `released`: held changes settled this time (applied now that a device vouches for them). */
export async function recheckHeld(run: SyncRun, options: { graceMs: number }): Promise<{ held: number; released: number }> {
  const { db } = run;
  const held = await db.syncHeld.toArray();
  if (held.length === 0) return { held: 0, released: 0 };
  if (held.some((row) => !row.reported)) await run.book.refresh({ force: true });
  else if (!run.book.fetched()) return { held: held.length, released: 0 };
  await processIncoming(
    run,
    held.map((row) => row.item),
    {},
  );
  const still = await db.syncHeld.toArray();
  const now = run.now();
  for (const row of still) {
    if (row.reported || now - row.firstSeenAt < options.graceMs) continue;
    await run.reports.add('unconfirmed', { itemId: row.id, revision: row.item.revision });
    await db.syncHeld.put({ ...row, reported: true });
  }
  return { held: still.length, released: held.length - still.length };
}
