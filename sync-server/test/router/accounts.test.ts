// account.*: registration rules, prelogin without enumeration, login with throttling, password
// change and account deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '@keyhold/shared/crypto/kdf-params';
import { kdfParamsSchema } from '@keyhold/shared/sync/protocol';
import { b64, kdfParams, newItem, registration } from '../helpers/fixtures';
import { DAY, createTestApp, errorCode, errorMessage, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const invite = () => t.invite(7 * DAY);

describe('register', () => {
  it('opens a session for the first account without an invite', async () => {
    const input = registration();
    const grant = await t.caller().account.register(input);
    expect(grant.accountId).toBe(input.accountId);
    const sessions = await t.caller(grant.token).session.list();
    expect(sessions).toEqual([expect.objectContaining({ id: grant.sessionId, deviceName: 'Laptop', current: true })]);
  });

  it('is closed after the first account unless a valid, unused, unexpired invite is given', async () => {
    await t.caller().account.register(registration());
    expect(await errorCode(t.caller().account.register(registration()))).toBe('FORBIDDEN');

    const token = await invite();
    await t.caller().account.register(registration({ inviteToken: token }));
    expect(await errorCode(t.caller().account.register(registration({ inviteToken: token })))).toBe('FORBIDDEN');

    const expiring = await invite();
    t.clock.now += 8 * DAY;
    expect(await errorCode(t.caller().account.register(registration({ inviteToken: expiring })))).toBe('FORBIDDEN');
    expect(await errorCode(t.caller().account.register(registration({ inviteToken: 'a'.repeat(32) })))).toBe('FORBIDDEN');
  });

  it('lets exactly one of two simultaneous first registrations in', async () => {
    const results = await Promise.allSettled([t.caller().account.register(registration()), t.caller().account.register(registration())]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await t.sql.all('SELECT CAST(count(*) AS INTEGER) AS n FROM accounts')).toEqual([{ n: 1 }]);
  });

  it('stays closed when the first account is deleted', async () => {
    const first = registration();
    const grant = await t.caller().account.register(first);
    await t.caller(grant.token).account.delete({ authKey: first.authKey });
    expect(await errorCode(t.caller().account.register(registration()))).toBe('FORBIDDEN');
  });

  it('rejects a taken email (after normalisation) or account id with a conflict, keeping the invite', async () => {
    const first = registration({ email: 'alice@example.org' });
    await t.caller().account.register(first);
    const token = await invite();
    const sameEmail = registration({ email: '  ALICE@Example.org ', inviteToken: token });
    expect(await errorCode(t.caller().account.register(sameEmail))).toBe('CONFLICT');
    const sameId = registration({ accountId: first.accountId, inviteToken: token });
    expect(await errorCode(t.caller().account.register(sameId))).toBe('CONFLICT');
    // The failed attempts did not use the invite up.
    await t.caller().account.register(registration({ inviteToken: token }));
  });

  it('stores a salted Argon2id hash of the auth key, never the key', async () => {
    const input = registration();
    await t.caller().account.register(input);
    const [row] = await t.sql.all<{ auth_hash: string }>('SELECT auth_hash FROM accounts');
    expect(row!.auth_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,p=\d+,t=\d+\$/);
    expect(row!.auth_hash).not.toContain(input.authKey);
    expect(row!.auth_hash).not.toContain(Buffer.from(input.authKey, 'base64url').toString('base64').replace(/=+$/, ''));
  });
});

describe('emails with control characters', () => {
  it('are refused as bad input by prelogin, register and login alike (PostgreSQL cannot even store a NUL)', async () => {
    const email = 'alice\u0000@example.org';
    expect(await errorCode(t.caller().account.prelogin({ email }))).toBe('BAD_REQUEST');
    expect(await errorCode(t.caller().account.register(registration({ email })))).toBe('BAD_REQUEST');
    expect(await errorCode(t.caller().account.login({ email, authKey: b64(32), deviceName: 'x' }))).toBe('BAD_REQUEST');
    expect(await errorCode(t.caller().account.prelogin({ email: 'bob\u0007@example.org' }))).toBe('BAD_REQUEST');
  });
});

describe('prelogin', () => {
  it('returns the stored parameters of an account', async () => {
    const input = registration({ kdf: kdfParams({ memoryKiB: 131072, iterations: 4 }) });
    await t.caller().account.register(input);
    expect(await t.caller().account.prelogin({ email: input.email.toUpperCase() })).toEqual({ kdf: input.kdf });
  });

  it('answers unknown emails with stable, plausible parameters that differ per email', async () => {
    const first = await t.caller().account.prelogin({ email: 'nobody@example.org' });
    const again = await t.caller().account.prelogin({ email: 'Nobody@example.org' });
    const other = await t.caller().account.prelogin({ email: 'someone@example.org' });
    expect(again).toEqual(first);
    expect(kdfParamsSchema.parse(first.kdf)).toEqual(first.kdf);
    // What a client registering today would store (shared's DEFAULT_KDF), so the fake does not stand out.
    expect(first.kdf).toEqual({ ...DEFAULT_KDF, salt: first.kdf.salt });
    expect(other.kdf.salt).not.toBe(first.kdf.salt);
  });
});

describe('login', () => {
  it('opens a new device session with the right auth key', async () => {
    const input = registration();
    await t.caller().account.register(input);
    const grant = await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Phone' });
    const devices = await t.caller(grant.token).session.list();
    expect(devices.map((d) => [d.deviceName, d.current])).toEqual([
      ['Laptop', false],
      ['Phone', true],
    ]);
  });

  it('gives the same error for a wrong key and an unknown email', async () => {
    const input = registration();
    await t.caller().account.register(input);
    const wrongKey = t.caller().account.login({ email: input.email, authKey: b64(32), deviceName: 'x' });
    const unknown = t.caller().account.login({ email: 'ghost@example.org', authKey: b64(32), deviceName: 'x' });
    // Both handlers attached at once: awaiting one first left the other's rejection unhandled for a tick.
    const [a, b] = await Promise.all([errorMessage(wrongKey), errorMessage(unknown)]);
    expect(a).toBe('Wrong email or master password.');
    expect(b).toBe(a);
  });

  it('backs off exponentially per account, the same way for unknown emails', async () => {
    const input = registration();
    await t.caller().account.register(input);
    // Each attempt from a different address, so only the per-account throttle is in play.
    const attempt = (email: string, authKey: string, n: number) =>
      errorMessage(t.caller(undefined, `198.51.100.${n}`).account.login({ email, authKey, deviceName: 'x' }));
    for (let n = 0; n < 5; n += 1) {
      expect(await attempt(input.email, b64(32), n)).toBe('Wrong email or master password.');
      expect(await attempt('ghost@example.org', b64(32), n)).toBe('Wrong email or master password.');
    }
    // Sixth failure locks for 1 s; while locked even the right key is refused, with the same message.
    expect(await attempt(input.email, b64(32), 6)).toBe('Wrong email or master password.');
    expect(await attempt('ghost@example.org', b64(32), 6)).toBe('Wrong email or master password.');
    const lockedKnown = await attempt(input.email, input.authKey, 7);
    const lockedUnknown = await attempt('ghost@example.org', b64(32), 7);
    expect(lockedKnown).toMatch(/^Too many failed attempts/);
    expect(lockedUnknown).toBe(lockedKnown);
    t.clock.now += 1_000;
    // Next failure doubles the lock to 2 s.
    expect(await attempt(input.email, b64(32), 8)).toBe('Wrong email or master password.');
    t.clock.now += 1_500;
    expect(await attempt(input.email, input.authKey, 9)).toMatch(/^Too many failed attempts/);
    t.clock.now += 600;
    await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'x' });
  });

  it('throttles one address guessing across many accounts', async () => {
    for (let n = 0; n < 20; n += 1) {
      const message = await errorMessage(
        t.caller(undefined, '203.0.113.5').account.login({ email: `u${n}@example.org`, authKey: b64(32), deviceName: 'x' }),
      );
      expect(message).toBe('Wrong email or master password.');
    }
    const next = t.caller(undefined, '203.0.113.5').account.login({ email: 'u99@example.org', authKey: b64(32), deviceName: 'x' });
    expect(await errorCode(next)).toBe('UNAUTHORIZED');
    const locked = t.caller(undefined, '203.0.113.5').account.login({ email: 'u98@example.org', authKey: b64(32), deviceName: 'x' });
    expect(await errorCode(locked)).toBe('TOO_MANY_REQUESTS');
  });
});

describe('changeMasterPassword', () => {
  it('swaps verifier, KDF and header atomically and revokes the other sessions only', async () => {
    const input = registration();
    const laptop = await t.caller().account.register(input);
    const phone = await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Phone' });
    const newKey = b64(32);
    const newKdf = kdfParams();
    const newHeader = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) };

    const result = await t.caller(laptop.token).account.changeMasterPassword({
      currentAuthKey: input.authKey,
      newAuthKey: newKey,
      kdf: newKdf,
      header: newHeader,
    });
    expect(result).toEqual({ headerRevision: 2, revokedSessions: 1 });
    expect(await errorCode(t.caller(phone.token).session.list())).toBe('UNAUTHORIZED');
    expect(await t.caller(laptop.token).vault.getHeader()).toEqual({ revision: 2, kdf: newKdf, header: newHeader });
    expect(await t.caller().account.prelogin({ email: input.email })).toEqual({ kdf: newKdf });

    const login = (authKey: string) => t.caller().account.login({ email: input.email, authKey, deviceName: 'x' });
    expect(await errorCode(login(input.authKey))).toBe('UNAUTHORIZED');
    await login(newKey);
  });

  it('refuses a wrong current key and changes nothing', async () => {
    const input = registration();
    const laptop = await t.caller().account.register(input);
    const phone = await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Phone' });
    const attempt = t.caller(laptop.token).account.changeMasterPassword({
      currentAuthKey: b64(32),
      newAuthKey: b64(32),
      kdf: kdfParams(),
      header: { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) },
    });
    expect(await errorCode(attempt)).toBe('FORBIDDEN');
    expect(await t.caller(phone.token).vault.getHeader()).toEqual({ revision: 1, kdf: input.kdf, header: input.header });
  });
});

describe('delete', () => {
  it('removes the account, its items and its sessions', async () => {
    const input = registration();
    const grant = await t.caller().account.register(input);
    await t.caller(grant.token).sync.push({ items: [newItem(), newItem()] });

    expect(await errorCode(t.caller(grant.token).account.delete({ authKey: b64(32) }))).toBe('FORBIDDEN');
    expect((await t.caller(grant.token).sync.pull({ since: 0 })).revision).toBe(2);

    expect(await t.caller(grant.token).account.delete({ authKey: input.authKey })).toEqual({ deleted: true });
    const count = async (table: string) => (await t.sql.all<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0]!.n;
    expect([await count('accounts'), await count('items'), await count('sessions')]).toEqual([0, 0, 0]);
    expect(await errorCode(t.caller(grant.token).sync.pull({ since: 0 }))).toBe('UNAUTHORIZED');
    const login = t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'x' });
    expect(await errorCode(login)).toBe('UNAUTHORIZED');
  });
});
