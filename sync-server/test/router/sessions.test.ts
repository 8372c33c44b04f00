// session.*: devices, revocation, the stored form of tokens, sliding expiry, the bearer header.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/router';
import { sessionIdFromToken } from '../../src/sessions/sessions';
import { registration } from '../helpers/fixtures';
import { DAY, createTestApp, errorCode, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function accountWithDevices(names: string[]) {
  const input = registration({ deviceName: names[0] ?? 'Laptop' });
  const first = await t.caller().account.register(input);
  const grants = [first];
  for (const deviceName of names.slice(1)) {
    grants.push(await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName }));
  }
  return { input, grants };
}

describe('devices', () => {
  it('lists devices, revokes one, then all others', async () => {
    const { grants } = await accountWithDevices(['Laptop', 'Phone', 'Tablet']);
    const [laptop, phone, tablet] = grants as [(typeof grants)[0], (typeof grants)[0], (typeof grants)[0]];

    await t.caller(laptop.token).session.revoke({ sessionId: phone.sessionId });
    expect(await errorCode(t.caller(phone.token).session.list())).toBe('UNAUTHORIZED');
    expect((await t.caller(laptop.token).session.list()).map((s) => s.deviceName)).toEqual(['Laptop', 'Tablet']);

    expect(await t.caller(laptop.token).session.revokeOthers()).toEqual({ revoked: 1 });
    expect(await errorCode(t.caller(tablet.token).session.list())).toBe('UNAUTHORIZED');
    expect(await t.caller(laptop.token).session.list()).toHaveLength(1);
  });

  it('logs out the current device only', async () => {
    const { grants } = await accountWithDevices(['Laptop', 'Phone']);
    await t.caller(grants[0]!.token).session.logout();
    expect(await errorCode(t.caller(grants[0]!.token).session.list())).toBe('UNAUTHORIZED');
    expect(await t.caller(grants[1]!.token).session.list()).toHaveLength(1);
  });

  it("treats an unknown session id and another account's session id alike", async () => {
    const alice = await accountWithDevices(['Laptop']);
    const bobGrant = await t.caller().account.register(registration({ inviteToken: await t.invite() }));

    // One at a time: a second call made before the first is awaited would reject unobserved meanwhile.
    expect(await errorCode(t.caller(bobGrant.token).session.revoke({ sessionId: alice.grants[0]!.sessionId }))).toBe('NOT_FOUND');
    expect(await errorCode(t.caller(bobGrant.token).session.revoke({ sessionId: 'f'.repeat(64) }))).toBe('NOT_FOUND');
    expect(await t.caller(alice.grants[0]!.token).session.list()).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('stores only the SHA-256 of the token', async () => {
    const { grants } = await accountWithDevices(['Laptop']);
    const token = grants[0]!.token;
    const rows = await t.sql.all('SELECT * FROM sessions');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows).toEqual([expect.objectContaining({ id: sessionIdFromToken(token) })]);
    expect(sessionIdFromToken(token)).toBe(grants[0]!.sessionId);
  });

  it('requires a well-formed bearer header', async () => {
    const { grants } = await accountWithDevices(['Laptop']);
    const call = (authorization: string | undefined) =>
      appRouter.createCaller({ app: t.app, ip: '192.0.2.1', requestId: 't', authorization }).session.list();
    expect(await errorCode(call(undefined))).toBe('UNAUTHORIZED');
    expect(await errorCode(call(grants[0]!.token))).toBe('UNAUTHORIZED');
    expect(await errorCode(call(`Basic ${grants[0]!.token}`))).toBe('UNAUTHORIZED');
    expect(await errorCode(call(`Bearer ${grants[0]!.sessionId}`))).toBe('UNAUTHORIZED');
    expect(await call(`Bearer ${grants[0]!.token}`)).toHaveLength(1);
  });
});

describe('expiry', () => {
  it('slides: extended when used with less than 15 days left, expired after 30 idle days', async () => {
    const { grants } = await accountWithDevices(['Laptop']);
    const token = grants[0]!.token;
    const created = t.clock.now;
    const expiresAt = async () => (await t.caller(token).session.list())[0]!.expiresAt;
    expect(await expiresAt()).toBe(created + 30 * DAY);

    t.clock.now = created + 10 * DAY; // 20 days left: unchanged
    expect(await expiresAt()).toBe(created + 30 * DAY);

    t.clock.now = created + 20 * DAY; // 10 days left: renewed for 30 days from now
    expect(await expiresAt()).toBe(t.clock.now + 30 * DAY);

    t.clock.now += 30 * DAY; // 30 idle days later
    expect(await errorCode(t.caller(token).session.list())).toBe('UNAUTHORIZED');
    expect(await t.sql.all('SELECT CAST(count(*) AS INTEGER) AS n FROM sessions')).toEqual([{ n: 0 }]);
  });
});
