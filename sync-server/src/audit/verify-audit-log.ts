// Checks the audit log's HMAC chain (`keyhold-server audit verify`): every row's MAC, the sequence
// without gaps, and the head MAC that pins the last row. Reports the first broken row.
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open-database';
import { GENESIS_MAC, headMac, rowMac, type AuditRow } from './audit-log';

export type AuditVerification = { ok: true; events: number } | { ok: false; events: number; seq: number | null; reason: string };

export function verifyAuditLog(db: Db, key: Buffer): AuditVerification {
  let previousMac = GENESIS_MAC;
  let expectedSeq = 1;
  let events = 0;
  const rows = db
    .prepare('SELECT seq, at, event, account_id, session_id, subject, ip, detail, mac FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow & { mac: string }>;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, events, seq: expectedSeq, reason: `row ${expectedSeq} is missing` };
    }
    if (!sameHex(row.mac, rowMac(key, previousMac, row))) {
      return { ok: false, events, seq: row.seq, reason: `row ${row.seq} was altered (MAC mismatch)` };
    }
    previousMac = row.mac;
    expectedSeq += 1;
    events += 1;
  }
  const head = db.prepare('SELECT seq, mac FROM audit_head WHERE id = 1').get() as { seq: number; mac: string } | undefined;
  if (!head) {
    return events === 0 ? { ok: true, events } : { ok: false, events, seq: null, reason: 'the head record is missing' };
  }
  if (head.seq !== events || !sameHex(head.mac, headMac(key, head.seq, previousMac))) {
    return {
      ok: false,
      events,
      seq: null,
      reason: `the head record does not match the last row (rows after ${events} were removed, or the head was altered)`,
    };
  }
  return { ok: true, events };
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
