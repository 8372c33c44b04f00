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

/** Drops one of the audit log's append-only triggers, as someone with write access to the database could. */
const dropTrigger = (name: 'audit_log_no_update' | 'audit_log_no_delete') =>
  t.sql.exec(t.sql.dialect === 'postgres' ? `DROP TRIGGER ${name} ON audit_log` : `DROP TRIGGER ${name}`);

describe('audit log', () => {
  it('records each security event with ids only', async () => {
    const input = await someHistory();
    const rows = await t.sql.all<{ event: string; account_id: string | null; detail: string | null }>(
      'SELECT event, account_id, detail FROM audit_log ORDER BY seq',
    );
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
    const everything = JSON.stringify(await t.sql.all('SELECT * FROM audit_log'));
    expect(everything).not.toContain(input.email);
    expect(everything).not.toContain(input.authKey);
    expect(await verifyAuditLog(t.app.storage.audit, key)).toEqual({ ok: true, events: 9 });
  });

  it('is append-only for SQL that does not first drop its triggers', async () => {
    await someHistory();
    await expect(t.sql.exec("UPDATE audit_log SET event = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects an edited row', async () => {
    await someHistory();
    await dropTrigger('audit_log_no_update');
    await t.sql.exec("UPDATE audit_log SET ip = '10.0.0.1' WHERE seq = 3");
    expect(await verifyAuditLog(t.app.storage.audit, key)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects a deleted row', async () => {
    await someHistory();
    await dropTrigger('audit_log_no_delete');
    await t.sql.exec('DELETE FROM audit_log WHERE seq = 4');
    expect(await verifyAuditLog(t.app.storage.audit, key)).toMatchObject({ ok: false, seq: 4 });
  });

  it('detects a log cut off at its end', async () => {
    await someHistory();
    await dropTrigger('audit_log_no_delete');
    await t.sql.exec('DELETE FROM audit_log WHERE seq >= 8');
    expect(await verifyAuditLog(t.app.storage.audit, key)).toMatchObject({ ok: false, seq: null });
  });

  it('fails to verify with another secret', async () => {
    await someHistory();
    expect(await verifyAuditLog(t.app.storage.audit, key)).toEqual({ ok: true, events: 9 });
    expect(await verifyAuditLog(t.app.storage.audit, deriveServerKeys('another-secret-another-secret-another').audit)).toMatchObject({
      ok: false,
      seq: 1,
    });
  });
});
