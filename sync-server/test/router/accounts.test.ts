// account.*: registration rules, prelogin without enumeration, login with throttling, password
// change and account deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '@keyhold/shared/crypto/kdf-params';
import { kdfParamsSchema } from '@keyhold/shared/sync/protocol';
import { randomUUID } from 'node:crypto';
import { deriveKdfSalt, derivedSaltGeneration } from '@keyhold/shared/crypto/kdf-salt';
import { COSTS_TTL_MS } from '../../src/accounts/prelogin';
import { createApp } from '../../src/app';
import { DEFAULT_CONFIG } from '../../src/config/server-config';
import { appRouter } from '../../src/router';
import { createTestDatabase } from '../helpers/test-database';
import { b64, kdfParams, newItem, registration } from '../helpers/fixtures';
import { CHEAP_HASH, DAY, TEST_SECRET, createTestApp, errorCode, errorMessage, type TestApp } from '../helpers/test-app';

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

  it('uses the invite up on a taken email or id and answers as for a used invite, so an invite probes one email at most', async () => {
    const first = registration({ email: 'alice@example.org' });
    await t.caller().account.register(first);
    const used = await invite();
    await t.caller().account.register(registration({ inviteToken: used }));
    const usedAnswer = await errorMessage(t.caller().account.register(registration({ inviteToken: used })));

    const token = await invite();
    const sameEmail = registration({ email: '  ALICE@Example.org ', inviteToken: token });
    expect(await errorCode(t.caller().account.register(sameEmail))).toBe('FORBIDDEN');
    // The probe spent the invite: a second email cannot be tried with it, free or not.
    expect(await errorMessage(t.caller().account.register(registration({ email: 'bob@example.org', inviteToken: token })))).toBe(usedAnswer);
    const other = await invite();
    expect(await errorMessage(t.caller().account.register(registration({ accountId: first.accountId, inviteToken: other })))).toBe(usedAnswer);
    expect(await t.sql.all('SELECT CAST(count(*) AS INTEGER) AS n FROM accounts')).toEqual([{ n: 2 }]);
  });

  it('throttles registration attempts per address, and the backoff spares other addresses', async () => {
    await t.caller().account.register(registration());
    const from = (ip: string) => t.caller(undefined, ip).account.register(registration({ inviteToken: 'a'.repeat(32) }));
    for (let n = 0; n < 10; n += 1) expect(await errorCode(from('203.0.113.9'))).toBe('FORBIDDEN');
    expect(await errorCode(from('203.0.113.9'))).toBe('FORBIDDEN');
    expect(await errorMessage(from('203.0.113.9'))).toMatch(/^Too many registrations from this address/);
    expect(await errorCode(from('198.51.100.9'))).toBe('FORBIDDEN');
    const token = await invite();
    await t.caller(undefined, '198.51.100.9').account.register(registration({ inviteToken: token }));
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

  it('answers unknown emails with stable parameters that differ per email, the default on a server without accounts', async () => {
    const first = await t.caller().account.prelogin({ email: 'nobody@example.org' });
    const again = await t.caller().account.prelogin({ email: 'Nobody@example.org' });
    const other = await t.caller().account.prelogin({ email: 'someone@example.org' });
    expect(again).toEqual(first);
    expect(kdfParamsSchema.parse(first.kdf)).toEqual(first.kdf);
    expect(first.kdf).toEqual({ ...DEFAULT_KDF, salt: first.kdf.salt });
    expect(other.kdf.salt).not.toBe(first.kdf.salt);
  });

  it('does not single out an account whose KDF cost differs from the default: unknown emails get real costs too', async () => {
    const strong = { memoryKiB: 262144, iterations: 4, parallelism: 4 };
    const owner = registration({ kdf: kdfParams(strong) });
    await t.caller().account.register(owner);
    for (let n = 0; n < 3; n += 1) await t.caller().account.register(registration({ kdf: kdfParams(), inviteToken: await invite() }));
    t.clock.now += COSTS_TTL_MS;
    const answers = [];
    for (let n = 0; n < 200; n += 1) answers.push((await t.caller().account.prelogin({ email: `probe-${n}@example.org` })).kdf);
    const costOf = (kdf: { memoryKiB: number; iterations: number; parallelism: number }) => `${kdf.memoryKiB}/${kdf.iterations}/${kdf.parallelism}`;
    const seen = new Map<string, number>();
    for (const kdf of answers) seen.set(costOf(kdf), (seen.get(costOf(kdf)) ?? 0) + 1);
    // Only costs real accounts use, in about their proportion (1 in 4 here), so the owner's answer
    // is one that many unknown emails get as well.
    expect([...seen.keys()].sort()).toEqual([costOf(strong), costOf(DEFAULT_KDF)].sort());
    expect(seen.get(costOf(strong))).toBeGreaterThan(25);
    expect(seen.get(costOf(strong))).toBeLessThan(75);
    // Still the same answer for the same email.
    expect((await t.caller().account.prelogin({ email: 'probe-7@example.org' })).kdf).toEqual(answers[7]);
  });
});

describe('prelogin decoys with derived salts (ADR 0020)', () => {
  const ORIGIN = 'http://192.0.2.1:8080';
  /** A caller that addressed the server at ORIGIN, as the HTTP layer tells the router. */
  const addressed = () => appRouter.createCaller({ app: t.app, ip: '192.0.2.10', requestId: 'test', authorization: undefined, origin: ORIGIN });
  const derivedFor = (email: string, generation: number) => deriveKdfSalt({ identity: { origin: ORIGIN, email }, generation });

  it('on a server without accounts, an unknown email gets the salt a new account would have: derived for it at generation 2', async () => {
    const { kdf } = await addressed().account.prelogin({ email: 'nobody@example.org' });
    expect(kdf).toEqual({ ...DEFAULT_KDF, salt: derivedFor('nobody@example.org', 2) });
    expect(derivedSaltGeneration(kdf.salt, { origin: ORIGIN, email: 'nobody@example.org' })).toBe(2);
    expect((await addressed().account.prelogin({ email: 'Nobody@Example.org' })).kdf).toEqual(kdf);
  });

  it('draws the kind of salt and its generation from real accounts: a client checking salts cannot tell a decoy from an account', async () => {
    // Three accounts with derived salts (generations 2, 2 and 5) and one from before derived salts.
    for (const [n, generation] of [2, 2, 5].entries()) {
      const email = `real-${n}-${randomUUID().slice(0, 6)}@example.org`;
      const kdf = kdfParams({ salt: derivedFor(email, generation) });
      await t.caller().account.register(registration({ email, kdf, ...(n > 0 ? { inviteToken: await invite() } : {}) }));
    }
    await t.caller().account.register(registration({ inviteToken: await invite() }));
    t.clock.now += COSTS_TTL_MS;
    const seen = new Map<string, number>();
    for (let n = 0; n < 200; n += 1) {
      const email = `probe-${n}@example.org`;
      const { kdf } = await addressed().account.prelogin({ email });
      const kind = String(derivedSaltGeneration(kdf.salt, { origin: ORIGIN, email }) ?? 'random');
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(['2', '5', 'random']);
    // About 2 in 4, 1 in 4 and 1 in 4.
    expect(seen.get('2')).toBeGreaterThan(70);
    expect(seen.get('5')).toBeGreaterThan(25);
    expect(seen.get('random')).toBeGreaterThan(25);
  });

  it('a configured public URL is the origin, whatever the Host header said', async () => {
    const app = await createApp({
      storage: (await createTestDatabase()).storage,
      secret: TEST_SECRET,
      now: () => t.clock.now,
      config: {
        authKeyHash: CHEAP_HASH,
        loginThrottle: DEFAULT_CONFIG.loginThrottle,
        tombstoneRetentionDays: 30,
        openRegistration: true,
        publicUrl: 'https://sync.example.org/keyhold',
      },
    });
    const { kdf } = await app.accounts.prelogin({ email: 'nobody@example.org' }, { origin: 'http://127.0.0.1:8080' });
    expect(derivedSaltGeneration(kdf.salt, { origin: 'https://sync.example.org', email: 'nobody@example.org' })).toBe(2);
  });

  it('a real account gets its stored salt, derived or not', async () => {
    const input = registration();
    await t.caller().account.register(input);
    expect(await addressed().account.prelogin({ email: input.email })).toEqual({ kdf: input.kdf });
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

  it('backs off exponentially per account and address, the same way for unknown emails', async () => {
    const input = registration();
    await t.caller().account.register(input);
    // The known and the unknown email are each guessed from their own address.
    const attempt = (email: string, authKey: string, ip: string) =>
      errorMessage(t.caller(undefined, ip).account.login({ email, authKey, deviceName: 'x' }));
    const known = (authKey: string) => attempt(input.email, authKey, '198.51.100.1');
    const ghost = () => attempt('ghost@example.org', b64(32), '198.51.100.2');
    for (let n = 0; n < 5; n += 1) {
      expect(await known(b64(32))).toBe('Wrong email or master password.');
      expect(await ghost()).toBe('Wrong email or master password.');
    }
    // Sixth failure locks for 1 s; while locked even the right key is refused from that address, with the same message.
    expect(await known(b64(32))).toBe('Wrong email or master password.');
    expect(await ghost()).toBe('Wrong email or master password.');
    const lockedKnown = await known(input.authKey);
    expect(lockedKnown).toMatch(/^Too many failed attempts/);
    expect(await ghost()).toBe(lockedKnown);
    t.clock.now += 1_000;
    // Next failure doubles the lock to 2 s.
    expect(await known(b64(32))).toBe('Wrong email or master password.');
    t.clock.now += 1_500;
    expect(await known(input.authKey)).toMatch(/^Too many failed attempts/);
    t.clock.now += 600;
    await t.caller(undefined, '198.51.100.1').account.login({ email: input.email, authKey: input.authKey, deviceName: 'x' });
  });

  it('does not let a stranger who knows the email lock its owner out (per account AND address)', async () => {
    const input = registration();
    const laptop = await t.caller().account.register(input);
    // The attacker keeps the account "locked" from its address, up to the longest backoff.
    const attacker = () => t.caller(undefined, '203.0.113.66').account.login({ email: input.email, authKey: b64(32), deviceName: 'x' });
    for (let n = 0; n < 12; n += 1) await errorCode(attacker());
    expect(await errorCode(attacker())).toBe('TOO_MANY_REQUESTS');
    // The owner, from elsewhere, signs in on a new device at once with the right key…
    const phone = await t.caller(undefined, '192.0.2.44').account.login({ email: input.email, authKey: input.authKey, deviceName: 'Phone' });
    expect(phone.accountId).toBe(input.accountId);
    // …a wrong key from the owner's address is still judged (not locked by the stranger's failures)…
    expect(await errorCode(t.caller(undefined, '192.0.2.45').account.login({ email: input.email, authKey: b64(32), deviceName: 'x' }))).toBe(
      'UNAUTHORIZED',
    );
    // …and the devices already signed in keep working.
    expect((await t.caller(laptop.token).session.list()).length).toBe(2);
    // The attacker's own address stays locked, and no lock ever lasts longer than the cap (15 min).
    expect(await errorCode(attacker())).toBe('TOO_MANY_REQUESTS');
    t.clock.now += 15 * 60 * 1000;
    expect(await errorCode(attacker())).toBe('UNAUTHORIZED');
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

describe('resetMasterPassword (recovery key, ADR 0017)', () => {
  it("needs only the caller's session: swaps verifier, KDF and stamped header, and revokes the other sessions", async () => {
    const input = registration();
    const laptop = await t.caller().account.register(input);
    const phone = await t.caller().account.login({ email: input.email, authKey: input.authKey, deviceName: 'Phone' });
    const newKey = b64(32);
    const newKdf = kdfParams();
    const newHeader = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62), stamp: b64(37) };
    const result = await t.caller(laptop.token).account.resetMasterPassword({ newAuthKey: newKey, kdf: newKdf, header: newHeader });
    expect(result).toEqual({ headerRevision: 2, revokedSessions: 1 });
    expect(await errorCode(t.caller(phone.token).session.list())).toBe('UNAUTHORIZED');
    expect(await t.caller(laptop.token).vault.getHeader()).toEqual({ revision: 2, kdf: newKdf, header: newHeader });
    const login = (authKey: string) => t.caller().account.login({ email: input.email, authKey, deviceName: 'x' });
    expect(await errorCode(login(input.authKey))).toBe('UNAUTHORIZED');
    await login(newKey);
  });

  it('is refused without a session, and without a stamp', async () => {
    const input = registration();
    const laptop = await t.caller().account.register(input);
    const header = { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62), stamp: b64(37) };
    expect(await errorCode(t.caller().account.resetMasterPassword({ newAuthKey: b64(32), kdf: kdfParams(), header }))).toBe('UNAUTHORIZED');
    const { stamp: _stamp, ...unstamped } = header;
    expect(
      await errorCode(
        t.caller(laptop.token).account.resetMasterPassword({ newAuthKey: b64(32), kdf: kdfParams(), header: unstamped as typeof header }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await t.caller(laptop.token).vault.getHeader()).toEqual({ revision: 1, kdf: input.kdf, header: input.header });
  });

  it('a manifest write without a stamp keeps the stored stamp', async () => {
    const input = registration();
    const laptop = await t.caller().account.register(input);
    const stamp = b64(37);
    const stamped = { ...input.header, stamp };
    expect(await t.caller(laptop.token).vault.putHeader({ baseRevision: 1, header: stamped })).toMatchObject({ status: 'accepted', revision: 2 });
    const manifestOnly = {
      wrappedVaultKey: input.header.wrappedVaultKey,
      recoveryWrappedVaultKey: input.header.recoveryWrappedVaultKey,
      manifest: b64(40),
    };
    expect(await t.caller(laptop.token).vault.putHeader({ baseRevision: 2, header: manifestOnly })).toMatchObject({ status: 'accepted' });
    expect((await t.caller(laptop.token).vault.getHeader()).header).toEqual({ ...manifestOnly, stamp });
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
