// Checks the audit log's HMAC chain (`keyhold-server audit verify`): every row's MAC, the sequence
// without gaps, and the head MAC that pins the last row. Reports the first broken row.
import { timingSafeEqual } from 'node:crypto';
import type { AuditStore } from '../storage/port';
import { GENESIS_MAC, headMac, rowMac } from './audit-log';

export type AuditVerification = { ok: true; events: number } | { ok: false; events: number; seq: number | null; reason: string };

const PAGE = 1000;

export async function verifyAuditLog(store: AuditStore, key: Buffer): Promise<AuditVerification> {
  let previousMac = GENESIS_MAC;
  let expectedSeq = 1;
  let events = 0;
  for (let afterSeq = 0; ;) {
    const rows = await store.page({ afterSeq, limit: PAGE });
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
    if (rows.length < PAGE) break;
    afterSeq = rows.at(-1)!.seq;
  }
  const head = await store.head();
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
