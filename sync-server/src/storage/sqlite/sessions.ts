// SQLite: device sessions and invites (both stored as the SHA-256 of their token).
import type { InviteStore, SessionStore } from '../port';
import { SESSION_COLUMNS, sessionFromRow, type SessionRow } from '../rows';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteSessions(db: Db): SyncStore<SessionStore> {
  return {
    insert(session) {
      statement(db, `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(
        session.id,
        session.accountId,
        session.deviceName,
        session.createdAt,
        session.lastUsedAt,
        session.expiresAt,
      );
    },
    find(sessionId) {
      const row = statement<[string], SessionRow>(db, `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`).get(sessionId);
      return row ? sessionFromRow(row) : null;
    },
    touch(sessionId, { lastUsedAt, expiresAt }) {
      statement(db, 'UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id = ?').run(lastUsedAt, expiresAt, sessionId);
    },
    delete({ sessionId, accountId }) {
      const result =
        accountId === undefined
          ? statement(db, 'DELETE FROM sessions WHERE id = ?').run(sessionId)
          : statement(db, 'DELETE FROM sessions WHERE id = ? AND account_id = ?').run(sessionId, accountId);
      return result.changes > 0;
    },
    listLive({ accountId, now }) {
      return statement<[string, number], SessionRow>(
        db,
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE account_id = ? AND expires_at > ? ORDER BY created_at, rowid`,
      )
        .all(accountId, now)
        .map(sessionFromRow);
    },
    idsOfAccount({ accountId, except }) {
      return statement<[string, string], { id: string }>(db, 'SELECT id FROM sessions WHERE account_id = ? AND id != ? ORDER BY created_at, rowid')
        .all(accountId, except)
        .map((row) => row.id);
    },
    deleteExpired({ now }) {
      return statement(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
    },
  };
}

export function sqliteInvites(db: Db): SyncStore<InviteStore> {
  return {
    insert({ id, createdAt, expiresAt }) {
      statement(db, 'INSERT INTO invites (id, created_at, expires_at) VALUES (?, ?, ?)').run(id, createdAt, expiresAt);
    },
    isUsable({ id, now }) {
      return statement(db, 'SELECT 1 FROM invites WHERE id = ? AND used_at IS NULL AND expires_at > ?').get(id, now) !== undefined;
    },
    consume({ id, accountId, now }) {
      const result = statement(db, 'UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?').run(
        now,
        accountId,
        id,
        now,
      );
      return result.changes === 1;
    },
    deleteExpired({ now }) {
      return statement(db, 'DELETE FROM invites WHERE used_at IS NULL AND expires_at <= ?').run(now).changes;
    },
  };
}
