// PostgreSQL: device sessions and invites (both stored as the SHA-256 of their token).
import type { InviteStore, SessionStore } from '../port';
import { SESSION_COLUMNS, sessionFromRow, type SessionRow } from '../rows';
import { prepared, type Queryable } from './queryable';

const FIND_SESSION = prepared('find_session', `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`);

export function postgresSessions(db: Queryable): SessionStore {
  return {
    async insert(session) {
      await db.query(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
        session.id,
        session.accountId,
        session.deviceName,
        session.createdAt,
        session.lastUsedAt,
        session.expiresAt,
      ]);
    },
    async find(sessionId) {
      const { rows } = await db.query<SessionRow>(FIND_SESSION, [sessionId]);
      return rows[0] ? sessionFromRow(rows[0]) : null;
    },
    async touch(sessionId, { lastUsedAt, expiresAt }) {
      await db.query('UPDATE sessions SET last_used_at = $1, expires_at = $2 WHERE id = $3', [lastUsedAt, expiresAt, sessionId]);
    },
    async delete({ sessionId, accountId }) {
      const result =
        accountId === undefined
          ? await db.query('DELETE FROM sessions WHERE id = $1', [sessionId])
          : await db.query('DELETE FROM sessions WHERE id = $1 AND account_id = $2', [sessionId, accountId]);
      return (result.rowCount ?? 0) > 0;
    },
    async listLive({ accountId, now }) {
      const { rows } = await db.query<SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE account_id = $1 AND expires_at > $2 ORDER BY created_at, seq`,
        [accountId, now],
      );
      return rows.map(sessionFromRow);
    },
    async idsOfAccount({ accountId, except }) {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM sessions WHERE account_id = $1 AND id <> $2 ORDER BY created_at, seq', [
        accountId,
        except,
      ]);
      return rows.map((row) => row.id);
    },
    async deleteExpired({ now }) {
      return (await db.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },
  };
}

export function postgresInvites(db: Queryable): InviteStore {
  return {
    async insert({ id, createdAt, expiresAt }) {
      await db.query('INSERT INTO invites (id, created_at, expires_at) VALUES ($1, $2, $3)', [id, createdAt, expiresAt]);
    },
    async isUsable({ id, now }) {
      return ((await db.query('SELECT 1 FROM invites WHERE id = $1 AND used_at IS NULL AND expires_at > $2', [id, now])).rowCount ?? 0) > 0;
    },
    async consume({ id, accountId, now }) {
      // One statement: of two registrations racing for one invite, the second re-checks used_at and matches nothing.
      const result = await db.query('UPDATE invites SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL AND expires_at > $1', [
        now,
        accountId,
        id,
      ]);
      return result.rowCount === 1;
    },
    async deleteExpired({ now }) {
      return (await db.query('DELETE FROM invites WHERE used_at IS NULL AND expires_at <= $1', [now])).rowCount ?? 0;
    },
  };
}
