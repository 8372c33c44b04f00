// Invite tokens: after the first account, registering needs one. The operator creates them with
// `keyhold-server invite`; like session tokens only their SHA-256 is stored, each works once and
// expires (default 7 days).
import type { App } from '../app';
import { statement, writeTransaction, type Db } from '../db/open-database';
import { generateSessionToken, sessionIdFromToken } from '../sessions/sessions';

export const DEFAULT_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function createInvite(deps: Pick<App, 'db' | 'audit' | 'now'>, options: { ttlMs: number }): { token: string; expiresAt: number } {
  const token = generateSessionToken();
  const id = sessionIdFromToken(token);
  const now = deps.now();
  const expiresAt = now + options.ttlMs;
  writeTransaction(deps.db, () => {
    statement(deps.db, 'INSERT INTO invites (id, created_at, expires_at) VALUES (?, ?, ?)').run(id, now, expiresAt);
    deps.audit.append({ type: 'invite_created', inviteId: id.slice(0, 16) });
  });
  return { token, expiresAt };
}

/** Marks the invite used by `accountId`; false when unknown, used or expired. Call in a transaction. */
export function consumeInvite(db: Db, options: { token: string; accountId: string; now: number }): boolean {
  const result = statement(db, 'UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?').run(
    options.now,
    options.accountId,
    sessionIdFromToken(options.token),
    options.now,
  );
  return result.changes === 1;
}
