// Live push, the application side (docs/adr/0013-live-push.md): after a push commits, the new
// revision is announced on the storage's change channel; every server process listens there once
// and hands each announcement to the event-stream connections of that account in this process.
import type { Logger } from '../log/logger';
import type { AccountChange, ChangeChannel } from '../storage/port';

export type RevisionWatcher = (revision: number) => void;

export function createAccountEvents(deps: { channel: ChangeChannel; log: Logger }) {
  const watchers = new Map<string, Set<RevisionWatcher>>();
  let unlisten: (() => Promise<void>) | undefined;

  function deliver(change: AccountChange): void {
    for (const watcher of watchers.get(change.accountId) ?? []) watcher(change.revision);
  }

  return {
    /** Starts hearing announcements (the server calls this once it is up). */
    async start(): Promise<void> {
      unlisten ??= await deps.channel.listen(deliver);
    },
    async stop(): Promise<void> {
      const stop = unlisten;
      unlisten = undefined;
      await stop?.();
    },
    /** Announces a committed change; a failure is logged, never the pusher's problem (it committed). */
    committed(change: AccountChange): void {
      deps.channel.publish(change).catch((error: Error) => deps.log.warn('change_announce_failed', { error: error.message.slice(0, 200) }));
    },
    /** Calls `watcher` with each new revision of the account until the returned function is called. */
    watch(accountId: string, watcher: RevisionWatcher): () => void {
      let set = watchers.get(accountId);
      if (!set) watchers.set(accountId, (set = new Set()));
      set.add(watcher);
      return () => {
        set.delete(watcher);
        if (set.size === 0) watchers.delete(accountId);
      };
    },
    /** How many watchers this process holds for the account (the per-account connection limit). */
    watching(accountId: string): number {
      return watchers.get(accountId)?.size ?? 0;
    },
  };
}

export type AccountEvents = ReturnType<typeof createAccountEvents>;
