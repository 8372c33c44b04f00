// Smaller server hardening of issue #11: device names, the absolute session lifetime, throttle pruning.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_LIFETIME_MS } from '../../src/sessions/sessions';
import { registration } from '../helpers/fixtures';
import { DAY, createTestApp, errorCode, errorMessage, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('device names', () => {
  it('refuses bidi overrides and other format characters (Unicode Cf) at register and login', async () => {
    const input = registration();
    await t.caller().account.register(input);
    // "Phone" followed by a right-to-left override that would flip what other devices show.
    for (const deviceName of ['Laptop\u202Eenohp', 'Lap\u200Btop', 'Pho\u2066ne\u2069', '\u061CLaptop', 'x\uFEFFy']) {
      const login = t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName });
      expect(await errorMessage(login)).toMatch(/must not contain control or format characters/);
      expect(await errorCode(t.caller().account.register(registration({ deviceName, inviteToken: await t.invite() })))).toBe('BAD_REQUEST');
    }
    // Letters of any script, emoji and punctuation stay welcome.
    await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Ноутбук — 💻 (Ana’s)' });
  });
});

describe('sessions', () => {
  it('end at the absolute lifetime even when used every day', async () => {
    const input = registration();
    const grant = await t.caller().account.register(input);
    const signedInAt = t.clock.now;
    while (t.clock.now + DAY < signedInAt + SESSION_ABSOLUTE_LIFETIME_MS) {
      t.clock.now += DAY;
      await t.caller(grant.token).session.list();
    }
    const [self] = await t.caller(grant.token).session.list();
    expect(self!.expiresAt).toBeLessThanOrEqual(signedInAt + SESSION_ABSOLUTE_LIFETIME_MS);
    t.clock.now = signedInAt + SESSION_ABSOLUTE_LIFETIME_MS;
    expect(await errorCode(t.caller(grant.token).session.list())).toBe('UNAUTHORIZED');
    // The master password opens a new one.
    await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Laptop' });
  });
});

describe('throttle pruning', () => {
  it('keeps locked entries however long ago their last attempt was, and forgets idle unlocked ones', async () => {
    const now = t.clock.now;
    await t.app.storage.throttles.put([
      { key: 'login:locked', failures: 30, lockedUntil: now + 60_000, lastAttempt: now - 10 * DAY },
      { key: 'login:idle', failures: 3, lockedUntil: now - DAY, lastAttempt: now - 10 * DAY },
    ]);
    await t.app.sync.purgeExpired();
    const rows = await t.sql.all<{ key: string }>('SELECT key FROM login_throttle ORDER BY key');
    expect(rows.map((row) => row.key)).toEqual(['login:locked']);
  });
});
