// Device sessions, following the Lucia session guide (https://lucia-auth.com/sessions/basic):
// the token is 20 random bytes in base32; the database stores only SHA-256(token) as the session id,
// so a leaked database cannot be replayed. Sessions last 30 days, sliding: a session used with less
// than 15 days left is extended — but never past an absolute lifetime of 90 days from sign-in
// (OWASP Session Management: absolute timeout), so a stolen token that is kept busy still dies, and
// the device proves the master password again. One session per signed-in device, with its name.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { SessionInfo } from '@keyhold/shared/sync/protocol';
import type { AuditLog, SessionRevokeReason } from '../audit/audit-log';
import type { SessionRecord, Storage, Stores } from '../storage/port';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_RENEW_BELOW_MS = 15 * DAY_MS;
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * DAY_MS;
/** `last_used_at` is refreshed at most this often, so reads do not turn every request into a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

type RevokeOthers = { accountId: string; keepSessionId: string; reason: SessionRevokeReason; ip: string };

export function createSessions(deps: { storage: Storage; audit: AuditLog; now: () => number }) {
  const { storage, audit, now } = deps;

  /** Revokes every session of the account but `keepSessionId` inside `tx`; returns how many. */
  async function revokeOthersIn(tx: Stores, options: RevokeOthers): Promise<number> {
    const others = await tx.sessions.idsOfAccount({ accountId: options.accountId, except: options.keepSessionId });
    for (const sessionId of others) {
      await tx.sessions.delete({ sessionId });
      await audit.append(tx.audit, { type: 'session_revoked', accountId: options.accountId, sessionId, reason: options.reason, ip: options.ip });
    }
    return others.length;
  }

  return {
    /** Creates a session and records it, inside the transaction that authenticated the account. */
    async open(tx: Stores, options: { accountId: string; deviceName: string; ip: string }): Promise<{ token: string; sessionId: string }> {
      const token = generateSessionToken();
      const sessionId = sessionIdFromToken(token);
      const time = now();
      await tx.sessions.insert({
        id: sessionId,
        accountId: options.accountId,
        deviceName: options.deviceName,
        createdAt: time,
        lastUsedAt: time,
        expiresAt: time + SESSION_LIFETIME_MS,
      });
      await audit.append(tx.audit, { type: 'session_created', accountId: options.accountId, sessionId, ip: options.ip });
      return { token, sessionId };
    },

    /** The live session for `token`, extended if due; null when unknown or expired. */
    async validate(token: string): Promise<SessionRecord | null> {
      const sessionId = sessionIdFromToken(token);
      const session = await storage.sessions.find(sessionId);
      if (!session) return null;
      const time = now();
      const deadline = session.createdAt + SESSION_ABSOLUTE_LIFETIME_MS;
      if (time >= session.expiresAt || time >= deadline) {
        await storage.sessions.delete({ sessionId });
        return null;
      }
      if (session.expiresAt - time < SESSION_RENEW_BELOW_MS && session.expiresAt < deadline) {
        const renewed = { ...session, expiresAt: Math.min(time + SESSION_LIFETIME_MS, deadline), lastUsedAt: time };
        await storage.sessions.touch(sessionId, renewed);
        return renewed;
      }
      if (time - session.lastUsedAt >= TOUCH_INTERVAL_MS) {
        const touched = { ...session, lastUsedAt: time };
        await storage.sessions.touch(sessionId, touched);
        return touched;
      }
      return session;
    },

    async list(options: { accountId: string; currentSessionId: string }): Promise<SessionInfo[]> {
      const sessions = await storage.sessions.listLive({ accountId: options.accountId, now: now() });
      return sessions.map((session) => ({
        id: session.id,
        deviceName: session.deviceName,
        createdAt: session.createdAt,
        lastUsedAt: session.lastUsedAt,
        expiresAt: session.expiresAt,
        current: session.id === options.currentSessionId,
      }));
    },

    /** Revokes one of the account's sessions; false when the account has no such session. */
    revoke(options: { accountId: string; sessionId: string; reason: SessionRevokeReason; ip: string }): Promise<boolean> {
      return storage.transaction(async (tx) => {
        if (!(await tx.sessions.delete({ sessionId: options.sessionId, accountId: options.accountId }))) return false;
        await audit.append(tx.audit, { type: 'session_revoked', ...options });
        return true;
      });
    },

    revokeOthers: (options: RevokeOthers): Promise<number> => storage.transaction((tx) => revokeOthersIn(tx, options)),
    revokeOthersIn,
  };
}

export type Sessions = ReturnType<typeof createSessions>;
