// PostgreSQL: the audit log's rows and its head record (the HMAC chain itself is audit/audit-log.ts).
import type { AuditEntry, AuditMark, AuditStore } from '../port';
import { ADVISORY_LOCKS, type Queryable } from './queryable';

export function postgresAudit(db: Queryable): AuditStore {
  return {
    async tailForAppend() {
      // Appenders queue on this lock until COMMIT, so each reads the tail the previous one wrote
      // (READ COMMITTED takes a new snapshot per statement, after the lock is granted).
      await db.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.auditAppend]);
      const { rows } = await db.query<AuditMark>('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1');
      return rows[0] ?? null;
    },
    async append(entry, head) {
      await db.query(
        `INSERT INTO audit_log (seq, at, event, account_id, session_id, subject, ip, detail, mac)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [entry.seq, entry.at, entry.event, entry.account_id, entry.session_id, entry.subject, entry.ip, entry.detail, entry.mac],
      );
      await db.query(
        `INSERT INTO audit_head (id, seq, mac) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac`,
        [head.seq, head.mac],
      );
    },
    async page({ afterSeq, limit }) {
      const { rows } = await db.query<AuditEntry>(
        'SELECT seq, at, event, account_id, session_id, subject, ip, detail, mac FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
        [afterSeq, limit],
      );
      return rows;
    },
    async head() {
      const { rows } = await db.query<AuditMark>('SELECT seq, mac FROM audit_head WHERE id = 1');
      return rows[0] ?? null;
    },
  };
}
