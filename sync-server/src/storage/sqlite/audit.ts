// SQLite: the audit log's rows and its head record (the HMAC chain itself is audit/audit-log.ts).
import type { AuditEntry, AuditMark, AuditStore } from '../port';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteAudit(db: Db): SyncStore<AuditStore> {
  return {
    // The transaction's BEGIN IMMEDIATE already holds the database's write lock.
    tailForAppend() {
      return statement<[], AuditMark>(db, 'SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? null;
    },
    append(entry, head) {
      statement(
        db,
        `INSERT INTO audit_log (seq, at, event, account_id, session_id, subject, ip, detail, mac)
         VALUES (@seq, @at, @event, @account_id, @session_id, @subject, @ip, @detail, @mac)`,
      ).run(entry);
      statement(
        db,
        `INSERT INTO audit_head (id, seq, mac) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac`,
      ).run(head.seq, head.mac);
    },
    page({ afterSeq, limit }) {
      return statement<[number, number], AuditEntry>(
        db,
        'SELECT seq, at, event, account_id, session_id, subject, ip, detail, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
      ).all(afterSeq, limit);
    },
    head() {
      return statement<[], AuditMark>(db, 'SELECT seq, mac FROM audit_head WHERE id = 1').get() ?? null;
    },
  };
}
