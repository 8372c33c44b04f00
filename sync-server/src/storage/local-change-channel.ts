// The change channel of a single server process (the SQLite adapter): announcements go straight to
// this process's listeners. See ChangeChannel in port.ts.
import type { AccountChange, ChangeChannel } from './port';

export function createLocalChangeChannel(): ChangeChannel {
  const listeners = new Set<(change: AccountChange) => void>();
  return {
    async publish(change) {
      for (const listener of listeners) listener(change);
    },
    async listen(listener) {
      // A wrapper per call, so listening twice with one function needs two unsubscribes.
      const entry = (change: AccountChange) => listener(change);
      listeners.add(entry);
      return async () => void listeners.delete(entry);
    },
  };
}
