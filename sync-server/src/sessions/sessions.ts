// Device sessions, following the Lucia session guide (https://lucia-auth.com/sessions/basic):
// the token is 20 random bytes in base32; the database stores only SHA-256(token) as the session id,
// so a leaked database cannot be replayed. Sessions last 30 days, sliding: a session used with less
// than 15 days left is extended. One session per signed-in device, with the device's name.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { SessionInfo } from '@keyhold/shared/sync/protocol';
import type { SessionRevokeReason } from '../audit/audit-log';
import type { App } from '../app';
import { statement, writeTransaction } from '../db/open-database';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_RENEW_BELOW_MS = 15 * DAY_MS;
/** `last_used_at` is refreshed at most this often, so reads do not turn every request into a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type Session = {
  id: string;
  accountId: string;
  deviceName: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
};

type SessionRow = {
  id: string;
  account_id: string;
  device_name: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
};

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Creates a session and records it; call inside the transaction that authenticated the account. */
export function createSession(app: App, options: { accountId: string; deviceName: string; ip: string }): { token: string; sessionId: string } {
  const token = generateSessionToken();
  const sessionId = sessionIdFromToken(token);
  const now = app.now();
  statement(
    app.db,
    `INSERT INTO sessions (id, account_id, device_name, created_at, last_used_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(sessionId, options.accountId, options.deviceName, now, now, now + SESSION_LIFETIME_MS);
  app.audit.append({ type: 'session_created', accountId: options.accountId, sessionId, ip: options.ip });
  return { token, sessionId };
}

/** The live session for `token`, extended if due; null when unknown or expired. */
export function validateSessionToken(app: App, token: string): Session | null {
  const sessionId = sessionIdFromToken(token);
  const row = statement<[string], SessionRow>(
    app.db,
    'SELECT id, account_id, device_name, created_at, last_used_at, expires_at FROM sessions WHERE id = ?',
  ).get(sessionId);
  if (!row) return null;
  const now = app.now();
  if (now >= row.expires_at) {
    statement(app.db, 'DELETE FROM sessions WHERE id = ?').run(sessionId);
    return null;
  }
  let { expires_at: expiresAt, last_used_at: lastUsedAt } = row;
  if (expiresAt - now < SESSION_RENEW_BELOW_MS) {
    expiresAt = now + SESSION_LIFETIME_MS;
    lastUsedAt = now;
    statement(app.db, 'UPDATE sessions SET expires_at = ?, last_used_at = ? WHERE id = ?').run(expiresAt, now, sessionId);
  } else if (now - lastUsedAt >= TOUCH_INTERVAL_MS) {
    lastUsedAt = now;
    statement(app.db, 'UPDATE sessions SET last_used_at = ? WHERE id = ?').run(now, sessionId);
  }
  return {
    id: row.id,
    accountId: row.account_id,
    deviceName: row.device_name,
    createdAt: row.created_at,
    lastUsedAt,
    expiresAt,
  };
}

export function listSessions(app: App, options: { accountId: string; currentSessionId: string }): SessionInfo[] {
  const rows = statement<[string, number], SessionRow>(
    app.db,
    `SELECT id, account_id, device_name, created_at, last_used_at, expires_at FROM sessions
     WHERE account_id = ? AND expires_at > ? ORDER BY created_at, rowid`,
  ).all(options.accountId, app.now());
  return rows.map((row) => ({
    id: row.id,
    deviceName: row.device_name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    current: row.id === options.currentSessionId,
  }));
}

/** Revokes one of the account's sessions; false when the account has no such session. */
export function revokeSession(app: App, options: { accountId: string; sessionId: string; reason: SessionRevokeReason; ip: string }): boolean {
  return writeTransaction(app.db, () => {
    const result = statement(app.db, 'DELETE FROM sessions WHERE id = ? AND account_id = ?').run(options.sessionId, options.accountId);
    if (result.changes === 0) return false;
    app.audit.append({ type: 'session_revoked', ...options });
    return true;
  });
}

/** Revokes every session of the account but `keepSessionId`; returns how many. Joins an open transaction. */
export function revokeOtherSessions(
  app: App,
  options: { accountId: string; keepSessionId: string; reason: SessionRevokeReason; ip: string },
): number {
  return writeTransaction(app.db, () => {
    const others = statement<[string, string], { id: string }>(app.db, 'SELECT id FROM sessions WHERE account_id = ? AND id != ?').all(
      options.accountId,
      options.keepSessionId,
    );
    for (const { id } of others) {
      statement(app.db, 'DELETE FROM sessions WHERE id = ?').run(id);
      app.audit.append({
        type: 'session_revoked',
        accountId: options.accountId,
        sessionId: id,
        reason: options.reason,
        ip: options.ip,
      });
    }
    return others.length;
  });
}
