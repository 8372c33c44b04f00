// The contract for where the unlocked vault key waits while the service worker sleeps, and an
// in-memory implementation for Node tests. The browser one is browser-session-store.ts.
import { base64urlToBytes, bytesToBase64url } from '@keyhold/shared/crypto/bytes';

export type UnlockedSession = { accountId: string; vaultKey: Uint8Array; unlockedAt: number };

export type SessionStore = {
  load(): Promise<UnlockedSession | null>;
  save(session: UnlockedSession): Promise<void>;
  clear(): Promise<void>;
};

export type StoredSession = { accountId: string; vaultKey: string; unlockedAt: number };

export const toStored = (s: UnlockedSession): StoredSession => ({
  accountId: s.accountId,
  vaultKey: bytesToBase64url(s.vaultKey),
  unlockedAt: s.unlockedAt,
});
export const fromStored = (s: StoredSession): UnlockedSession => ({
  accountId: s.accountId,
  vaultKey: base64urlToBytes(s.vaultKey),
  unlockedAt: s.unlockedAt,
});

/** A session store for Node tests: the same contract, kept in a variable. */
export function createMemorySessionStore(): SessionStore {
  let stored: StoredSession | null = null;
  return {
    async load() {
      return stored && fromStored(stored);
    },
    async save(session) {
      stored = toStored(session);
    },
    async clear() {
      stored = null;
    },
  };
}
