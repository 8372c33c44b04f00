// The replayed head (issue #11): someone with write access to the database cuts the audit log back
// and restores a head record saved earlier. The chain alone still verifies; a checkpoint kept
// outside the database does not. On the configured database (SQLite, or PostgreSQL).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointWriter } from '../../src/audit/checkpoint-writer';
import { readCheckpoints } from '../../src/audit/checkpoints';
import { verifyAuditLog } from '../../src/audit/verify-audit-log';
import { deriveServerKeys } from '../../src/config/server-secret';
import { b64, registration } from '../helpers/fixtures';
import { TEST_SECRET, createTestApp, errorCode, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  email = undefined;
});
afterEach(() => t.close());

const key = deriveServerKeys(TEST_SECRET).audit;

/** Failed logins, each one audit event (the first call registers the account: two more). */
let email: string | undefined;
async function events(count: number) {
  if (email === undefined) {
    const input = registration();
    await t.caller().account.register(input);
    email = input.email;
  }
  for (let n = 0; n < count; n += 1)
    await errorCode(t.caller(undefined, `198.51.100.${n}`).account.login({ email: email, authKey: b64(32), deviceName: 'x' }));
}

/** Cuts the log back to `head` and puts that head record back, as a database writer without the secret could. */
async function rollBackTo(head: { seq: number; mac: string }) {
  await t.sql.exec(t.sql.dialect === 'postgres' ? 'DROP TRIGGER audit_log_no_delete ON audit_log' : 'DROP TRIGGER audit_log_no_delete');
  await t.sql.exec(`DELETE FROM audit_log WHERE seq > ${head.seq}`);
  await t.sql.exec(`UPDATE audit_head SET seq = ${head.seq}, mac = '${head.mac}' WHERE id = 1`);
}

describe('audit checkpoints', () => {
  it('catch a log cut back to an earlier, saved head that the chain alone accepts', async () => {
    await events(2);
    const saved = (await t.app.storage.audit.head())!;
    await events(3);
    const checkpoint = (await t.app.auditCheckpoints.take())!;
    expect(checkpoint.seq).toBeGreaterThan(saved.seq);
    expect(await t.app.auditCheckpoints.verify([checkpoint])).toMatchObject({ ok: true, checkpoints: 1 });

    await rollBackTo(saved);
    // The attack: the chain is a valid, shorter chain…
    expect(await verifyAuditLog(t.app.storage.audit, key)).toEqual({ ok: true, events: saved.seq });
    // …but it no longer reaches the checkpoint.
    expect(await t.app.auditCheckpoints.verify([checkpoint])).toMatchObject({ ok: false, reason: expect.stringMatching(/cut back/) });
  });

  it('catch a log rewritten from the checkpoint on, and refuse a checkpoint with a forged MAC', async () => {
    await events(2);
    const checkpoint = (await t.app.auditCheckpoints.take())!;
    await t.sql.exec(t.sql.dialect === 'postgres' ? 'DROP TRIGGER audit_log_no_update ON audit_log' : 'DROP TRIGGER audit_log_no_update');
    await t.sql.exec(`UPDATE audit_log SET mac = '${'0'.repeat(64)}' WHERE seq = ${checkpoint.seq}`);
    expect(await t.app.auditCheckpoints.verify([checkpoint])).toMatchObject({ ok: false, reason: expect.stringMatching(/rewritten/) });
    const forged = { ...checkpoint, seq: 1 };
    expect(await t.app.auditCheckpoints.verify([forged])).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid MAC/) });
  });

  it('are appended by the server as the log grows, which reports a rollback at start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keyhold-checkpoints-')), 'audit-checkpoints');
    const logged: { event: string; fields: unknown }[] = [];
    const log = {
      info: () => undefined,
      warn: () => undefined,
      error: (event: string, fields?: unknown) => void logged.push({ event, fields }),
    };
    await events(1);
    const saved = (await t.app.storage.audit.head())!;
    const writer = await startCheckpointWriter({ ...t.app.auditCheckpoints, file, log, intervalMs: 3_600_000 });
    await events(2);
    await writer.tick();
    await writer.tick(); // nothing new: no second line for the same row
    await writer.stop();
    expect(readCheckpoints(file).checkpoints.map((c) => c.seq)).toEqual([saved.seq, (await t.app.storage.audit.head())!.seq]);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(logged).toEqual([]);

    await rollBackTo(saved);
    const next = await startCheckpointWriter({ ...t.app.auditCheckpoints, file, log, intervalMs: 3_600_000 });
    await next.stop();
    expect(logged.map((entry) => entry.event)).toContain('audit_log_rolled_back');
  });
});
