// The append-only audit log of security events, chained with HMAC-SHA256 under a key derived from
// the server secret: each row's MAC covers the previous row's MAC and the row itself, and the head
// record holds a MAC of the last (seq, mac). Editing, deleting or truncating rows breaks the chain
// for anyone without the secret (see verify-audit-log.ts). Rows hold ids and keyed hashes only: no
// emails, tokens or keys.
import { hmacSha256 } from '../security/hmac';
import type { AuditRow, AuditStore } from '../storage/port';

export type AuditEvent =
  | { type: 'account_registered'; accountId: string; ip: string | null }
  | { type: 'login_succeeded'; accountId: string; sessionId: string; ip: string | null }
  | { type: 'login_failed'; accountId: string | null; subject: string; ip: string | null }
  | { type: 'session_created'; accountId: string; sessionId: string; ip: string | null }
  | { type: 'session_revoked'; accountId: string; sessionId: string; reason: SessionRevokeReason; ip: string | null }
  | { type: 'master_password_changed'; accountId: string; ip: string | null }
  | { type: 'master_password_reset'; accountId: string; sessionId: string; ip: string | null }
  | { type: 'account_deleted'; accountId: string; ip: string | null }
  | { type: 'invite_created'; inviteId: string };

export type SessionRevokeReason = 'logout' | 'revoked' | 'revoked_others' | 'password_changed';

export type AuditLog = {
  /** Appends through the caller's transaction's store, so the event and its record commit together. */
  append(store: AuditStore, event: AuditEvent): Promise<void>;
};

export const GENESIS_MAC = '';

export function createAuditLog(deps: { key: Buffer; now: () => number }): AuditLog {
  const { key, now } = deps;
  return {
    async append(store, event) {
      const last = await store.tailForAppend();
      const row = toRow(event, (last?.seq ?? 0) + 1, now());
      const mac = rowMac(key, last?.mac ?? GENESIS_MAC, row);
      await store.append({ ...row, mac }, { seq: row.seq, mac: headMac(key, row.seq, mac) });
    },
  };
}

function toRow(event: AuditEvent, seq: number, at: number): AuditRow {
  const base = { seq, at, event: event.type, account_id: null, session_id: null, subject: null, ip: null, detail: null };
  switch (event.type) {
    case 'account_registered':
    case 'master_password_changed':
    case 'account_deleted':
      return { ...base, account_id: event.accountId, ip: event.ip };
    case 'login_succeeded':
    case 'session_created':
    case 'master_password_reset':
      return { ...base, account_id: event.accountId, session_id: event.sessionId, ip: event.ip };
    case 'login_failed':
      return { ...base, account_id: event.accountId, subject: event.subject, ip: event.ip };
    case 'session_revoked':
      return { ...base, account_id: event.accountId, session_id: event.sessionId, ip: event.ip, detail: event.reason };
    case 'invite_created':
      return { ...base, subject: event.inviteId };
  }
}

/** MAC of a row chained to the previous row's MAC. The encoding is JSON of a fixed-order array. */
export function rowMac(key: Buffer, previousMac: string, row: AuditRow): string {
  const encoded = JSON.stringify([row.seq, row.at, row.event, row.account_id, row.session_id, row.subject, row.ip, row.detail]);
  return hmacSha256(key, `${previousMac}\n${encoded}`).toString('hex');
}

/** MAC over the last row's position and MAC: catches a log cut short at its end. */
export function headMac(key: Buffer, seq: number, lastRowMac: string): string {
  return hmacSha256(key, `head\n${seq}\n${lastRowMac}`).toString('hex');
}
