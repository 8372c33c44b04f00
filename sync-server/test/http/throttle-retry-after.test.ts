// Throttled sign-ins, registrations and key checks over the in-process HTTP front (the real
// createHttpServer, on the configured test database, with the test's clock): 429 with a Retry-After
// header in whole seconds and the same seconds in the error's `data.retryAfterSeconds`, so a client
// can say when to try again without reading the English message. A wrong key for a known email and
// any key for an unknown one are throttled alike, so their throttled answers must be identical too:
// status, header and body. Other refusals carry no Retry-After.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpFront } from '../../src/http/create-http-server';
import { createIpRateLimiter } from '../../src/limits/ip-rate-limiter';
import { b64, kdfParams, registration } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';
import type { HttpAnswer } from '../helpers/trpc-http';

let test: TestApp;
let front: HttpFront;
let url: string;

beforeEach(async () => {
  test = await createTestApp();
  // Addresses come from X-Forwarded-For, so that each guesser can have its own.
  front = createHttpServer({
    app: test.app,
    version: 'test',
    trustProxy: true,
    rateLimiter: createIpRateLimiter({ requests: 1_000, windowSeconds: 60 }),
  });
  await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  front.beginDrain();
  front.server.closeAllConnections();
  await new Promise((resolve) => front.server.close(resolve));
  await test.close();
});

async function post(path: string, input: unknown, options: { ip?: string; token?: string } = {}): Promise<HttpAnswer> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.ip ?? '192.0.2.10',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** What a client can tell from an answer: everything but the per-response request id and date. */
function observable(answer: HttpAnswer) {
  const headers = [...answer.headers.entries()].filter(([name]) => name !== 'x-request-id' && name !== 'date');
  return { status: answer.status, headers, body: answer.body };
}

describe('a throttled log-in', () => {
  it('says when to try again (Retry-After and data.retryAfterSeconds), the same for a known and an unknown email', async () => {
    const account = registration();
    expect((await post('account.register', account)).status).toBe(200);
    // The known email guessed from one address, an unknown one from another, step by step alike.
    const known = (authKey: string) => post('account.login', { email: account.email, authKey, deviceName: 'x' }, { ip: '198.51.100.1' });
    const ghost = () => post('account.login', { email: 'ghost@example.org', authKey: b64(32), deviceName: 'x' }, { ip: '198.51.100.2' });
    const fail = async () => {
      for (const answer of [await known(b64(32)), await ghost()]) {
        expect(answer.status).toBe(401);
        expect(answer.headers.get('retry-after')).toBeNull();
        expect(answer.body.error.data.retryAfterSeconds).toBeUndefined();
      }
    };
    // Five free failures; the sixth locks for 1 s, and each failure after a lock doubles it: 2 s, 4 s, 8 s.
    for (let n = 0; n < 6; n += 1) await fail();
    for (const lockMs of [1_000, 2_000, 4_000]) {
      test.clock.now += lockMs;
      await fail();
    }
    // 2.5 s into the 8 s lock: 5.5 s left, said as 6 (whole seconds, rounded up).
    test.clock.now += 2_500;
    const lockedKnown = await known(b64(32));
    const lockedGhost = await ghost();
    const rightKeyWhileLocked = await known(account.authKey);
    expect(lockedKnown.status).toBe(429);
    expect(lockedKnown.headers.get('retry-after')).toBe('6');
    expect(lockedKnown.body.error).toMatchObject({
      message: 'Too many failed attempts. Try again in 6 seconds.',
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, retryAfterSeconds: 6 },
    });
    expect(observable(lockedGhost)).toEqual(observable(lockedKnown));
    expect(observable(rightKeyWhileLocked)).toEqual(observable(lockedKnown));

    // Just under a second left: still 1, never 0.
    test.clock.now += 5_100;
    expect((await known(account.authKey)).headers.get('retry-after')).toBe('1');
    test.clock.now += 400;
    expect((await known(account.authKey)).status).toBe(200);
  });
});

describe('a throttled registration', () => {
  it('says when to try again', async () => {
    expect((await post('account.register', registration())).status).toBe(200);
    const attempt = () => post('account.register', registration({ inviteToken: 'a'.repeat(32) }), { ip: '203.0.113.9' });
    // Ten free attempts, the eleventh is judged and locks the address for 1 s.
    for (let n = 0; n < 11; n += 1) expect((await attempt()).status).toBe(403);
    const locked = await attempt();
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    expect(locked.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 });
  });
});

describe('a throttled key check inside a session', () => {
  it('says when to try again, for a password change and an account deletion alike', async () => {
    const account = registration();
    const { token } = (await post('account.register', account)).body.result.data as { token: string };
    const change = () =>
      post(
        'account.changeMasterPassword',
        { currentAuthKey: b64(32), newAuthKey: b64(32), kdf: kdfParams(), header: { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) } },
        { token },
      );
    for (let n = 0; n < 6; n += 1) expect((await change()).status).toBe(403);
    const locked = await change();
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    expect(locked.body.error.data.retryAfterSeconds).toBe(1);
    // The right key is refused while locked, and a deletion checks the key under the same lock.
    const deletion = await post('account.delete', { authKey: account.authKey }, { token });
    expect(deletion.status).toBe(429);
    expect(deletion.headers.get('retry-after')).toBe('1');
    expect(deletion.body.error.data.retryAfterSeconds).toBe(1);
  });
});
