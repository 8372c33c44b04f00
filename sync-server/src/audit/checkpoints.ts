// Checkpoints anchor the audit log outside its database (issue #11). The HMAC chain alone catches
// edits, gaps and a cut end — but not someone with write access to the database who cuts the log
// back AND puts back a head record saved earlier: that older state is a valid chain. A checkpoint
// says "at time T the log reached row N, whose MAC was X", MACed with the audit key; kept where the
// database's writer cannot rewrite it (another disk, an append-only file, the operator's exported
// copy), it lets `audit verify` see a log that is shorter than, or differs from, what was once seen.
//
// The server appends one to the checkpoint file (`auditCheckpointFile`, default DATA_DIR/audit-
// checkpoints) each minute the log grew and at shutdown, and logs an error at once if the log is
// ever behind the file; `keyhold-server audit checkpoint` prints one to export.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from '../security/hmac';
import type { AuditStore } from '../storage/port';

export type Checkpoint = { seq: number; rowMac: string; at: number; mac: string };

export const CHECKPOINT_FILE = 'audit-checkpoints';

function checkpointMac(key: Buffer, checkpoint: Omit<Checkpoint, 'mac'>): string {
  return hmacSha256(key, `checkpoint\n${checkpoint.seq}\n${checkpoint.rowMac}\n${checkpoint.at}`).toString('hex');
}

/** A checkpoint of the log as it is now; null while it is empty. */
export async function takeCheckpoint(store: AuditStore, key: Buffer, at: number): Promise<Checkpoint | null> {
  const head = await store.head();
  if (!head || head.seq === 0) return null;
  const [row] = await store.page({ afterSeq: head.seq - 1, limit: 1 });
  if (!row || row.seq !== head.seq) return null;
  const unsigned = { seq: row.seq, rowMac: row.mac, at };
  return { ...unsigned, mac: checkpointMac(key, unsigned) };
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  return JSON.stringify(checkpoint);
}

/** Appends one line; the file is created 0600. */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  appendFileSync(file, `${formatCheckpoint(checkpoint)}\n`, { mode: 0o600 });
}

/** The checkpoints in a file (one JSON object per line); a line that is not one is reported as forged. */
export function readCheckpoints(file: string): { checkpoints: Checkpoint[]; malformed: number } {
  if (!existsSync(file)) return { checkpoints: [], malformed: 0 };
  const checkpoints: Checkpoint[] = [];
  let malformed = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<Checkpoint>;
      if (Number.isSafeInteger(value.seq) && typeof value.rowMac === 'string' && Number.isSafeInteger(value.at) && typeof value.mac === 'string') {
        checkpoints.push(value as Checkpoint);
      } else malformed += 1;
    } catch {
      malformed += 1;
    }
  }
  return { checkpoints, malformed };
}

export type CheckpointVerification = { ok: true; checkpoints: number; latest: Checkpoint | null } | { ok: false; reason: string };

/**
 * Checks the log against checkpoints: each must carry a valid MAC, and the log must still hold the
 * row of the latest one, with the same MAC (the chain, checked by verifyAuditLog, then vouches for
 * every row before it). A log cut back to an earlier head fails here.
 */
export async function verifyCheckpoints(store: AuditStore, key: Buffer, checkpoints: readonly Checkpoint[]): Promise<CheckpointVerification> {
  let latest: Checkpoint | null = null;
  for (const checkpoint of checkpoints) {
    if (!sameHex(checkpoint.mac, checkpointMac(key, checkpoint))) {
      return { ok: false, reason: `a checkpoint (row ${checkpoint.seq}) has an invalid MAC: forged, or made with another secret` };
    }
    if (!latest || checkpoint.seq > latest.seq) latest = checkpoint;
  }
  if (!latest) return { ok: true, checkpoints: 0, latest: null };
  const head = await store.head();
  const when = new Date(latest.at).toISOString();
  if (!head || head.seq < latest.seq) {
    return {
      ok: false,
      reason: `the log ends at row ${head?.seq ?? 0}, but a checkpoint of ${when} saw row ${latest.seq}: it was cut back (rolled back)`,
    };
  }
  const [row] = await store.page({ afterSeq: latest.seq - 1, limit: 1 });
  if (!row || row.seq !== latest.seq || !sameHex(row.mac, latest.rowMac)) {
    return { ok: false, reason: `row ${latest.seq} is not the one a checkpoint of ${when} saw: the log was rewritten from there` };
  }
  return { ok: true, checkpoints: checkpoints.length, latest };
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
