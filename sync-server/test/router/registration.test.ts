// Who may register on a fresh server, and that every refusal comes before the slow hash (issue #11).
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log';
import { createRegisterAccount } from '../../src/accounts/register-account';
import { createLoginThrottle } from '../../src/limits/login-throttle';
import { createAuthKeyHasher } from '../../src/security/auth-key-hasher';
import { createSessions } from '../../src/sessions/sessions';
import { registration } from '../helpers/fixtures';
import { CHEAP_HASH, DAY, createTestApp, errorCode, type TestApp } from '../helpers/test-app';

let t: TestApp;
afterEach(() => t.close());

describe('the first account', () => {
  it('needs an invite unless the server was started with --open-registration', async () => {
    t = await createTestApp({ openRegistration: false });
    expect(await errorCode(t.caller().account.register(registration()))).toBe('FORBIDDEN');
    expect(await t.app.storage.registration.isClosed()).toBe(false);
    const grant = await t.caller().account.register(registration({ inviteToken: await t.invite(DAY) }));
    expect(grant.token).toBeTruthy();
  });
});

describe('refusals before the hash', () => {
  it('checks the invite (and the open door) before running Argon2id', async () => {
    t = await createTestApp({ openRegistration: false });
    const real = await createAuthKeyHasher(CHEAP_HASH);
    let hashes = 0;
    const hasher = { ...real, hash: (key: Uint8Array) => ((hashes += 1), real.hash(key)) };
    const now = () => t.clock.now;
    const audit = createAuditLog({ key: Buffer.alloc(32), now });
    const register = createRegisterAccount({
      storage: t.app.storage,
      hasher,
      audit,
      sessions: createSessions({ storage: t.app.storage, audit, now }),
      throttle: createLoginThrottle({ storage: t.app.storage, now }),
      policy: { freeAttempts: 100, baseDelayMs: 1000, maxDelayMs: 60_000 },
      openRegistration: false,
      now,
    });
    const meta = { ip: '192.0.2.1' };
    await expect(register(registration(), meta)).rejects.toThrow(/needs an invite/);
    await expect(register(registration({ inviteToken: 'b'.repeat(32) }), meta)).rejects.toThrow(/invalid, expired or used up/);
    const expired = await t.invite(DAY);
    t.clock.now += 2 * DAY;
    await expect(register(registration({ inviteToken: expired }), meta)).rejects.toThrow(/invalid, expired or used up/);
    expect(hashes).toBe(0);
    await register(registration({ inviteToken: await t.invite(DAY) }), meta);
    expect(hashes).toBe(1);
  });
});
