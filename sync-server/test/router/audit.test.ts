// The audit log records security events in an HMAC chain; editing, deleting or truncating rows,
// or verifying with another secret, is detected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify-audit-log';
import { deriveServerKeys } from '../../src/config/server-secret';
import { b64, kdfParams, registration } from '../helpers/fixtures';
import { TEST_SECRET, createTestApp, errorCode, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const key = deriveServerKeys(TEST_SECRET).audit;

async function someHistory() {
  const input = registration();
  const laptop = await t.caller().account.register(input);
  await errorCode(t.caller().account.login({ email: input.email, authKey: b64(32), deviceName: 'x' }));
  await errorCode(t.caller().account.login({ email: 'ghost@example.org', authKey: b64(32), deviceName: 'x' }));
  const phone = await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Phone' });
  await t.caller(laptop.token).session.revoke({ sessionId: phone.sessionId });
  const newKey = b64(32);
  await t.caller(laptop.token).account.changeMasterPassword({
    currentAuthKey: input.authKey,
    newAuthKey: newKey,
    kdf: kdfParams(),
    header: input.header,
  });
  await t.caller(laptop.token).account.delete({ authKey: newKey });
  return input;
}

describe('audit log', () => {
  it('records each security event with ids only', async () => {
    const input = await someHistory();
    const rows = t.app.db.prepare('SELECT event, account_id, detail FROM audit_log ORDER BY seq').all() as {
      event: string;
      account_id: string | null;
      detail: string | null;
    }[];
    expect(rows.map((r) => r.event)).toEqual([
      'account_registered',
      'session_created',
      'login_failed',
      'login_failed',
      'session_created',
      'login_succeeded',
      'session_revoked',
      'master_password_changed',
      'account_deleted',
    ]);
    expect(rows[3]!.account_id).toBeNull(); // the unknown email
    const everything = JSON.stringify(t.app.db.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain(input.email);
    expect(everything).not.toContain(input.authKey);
    expect(verifyAuditLog(t.app.db, key)).toEqual({ ok: true, events: 9 });
  });

  it('is append-only for SQL that does not first drop its triggers', async () => {
    await someHistory();
    expect(() => t.app.db.prepare("UPDATE audit_log SET event = 'x'").run()).toThrow(/append-only/);
    expect(() => t.app.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('detects an edited row', async () => {
    await someHistory();
    t.app.db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET ip = '10.0.0.1' WHERE seq = 3");
    expect(verifyAuditLog(t.app.db, key)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects a deleted row, a cut-off end, and a wrong secret', async () => {
    await someHistory();
    t.app.db.exec('DROP TRIGGER audit_log_no_delete');
    t.app.db.exec('SAVEPOINT s; DELETE FROM audit_log WHERE seq = 4');
    expect(verifyAuditLog(t.app.db, key)).toMatchObject({ ok: false, seq: 4 });
    t.app.db.exec('ROLLBACK TO s; RELEASE s');

    t.app.db.exec('SAVEPOINT s; DELETE FROM audit_log WHERE seq >= 8');
    expect(verifyAuditLog(t.app.db, key)).toMatchObject({ ok: false, seq: null });
    t.app.db.exec('ROLLBACK TO s; RELEASE s');

    expect(verifyAuditLog(t.app.db, key)).toEqual({ ok: true, events: 9 });
    expect(verifyAuditLog(t.app.db, deriveServerKeys('another-secret-another-secret-another').audit)).toMatchObject({
      ok: false,
      seq: 1,
    });
  });
});
