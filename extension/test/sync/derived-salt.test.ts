// A KDF salt the sync server cannot choose (issue #11 part 3, ADR 0020), against the REAL server
// process: sign-up gives every account the salt derived from the server's origin and the email; a
// server that answers prelogin with another salt (one salt for two victims, or a random one) is
// refused before any auth key exists; an account made before derived salts is taken only after the
// user accepts a warning, and is then moved to its derived salt, which the other devices adopt with
// the same password (ADR 0017). Every rule here has a test that fails when the rule is taken out.
import { describe, expect, it } from 'vitest';
import { bytesToBase64url, randomBytes } from '@keyhold/shared/crypto/bytes';
import { stampEpoch } from '@keyhold/shared/crypto/header-stamp';
import { deriveKdfSalt, derivedSaltGeneration } from '@keyhold/shared/crypto/kdf-salt';
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { logIn } from '../../src/sync/log-in';
import { beginSyncing } from '../../src/sync/begin-syncing';
import { sealManifest } from '../../src/sync/manifest';
import { createServerClient } from '../../src/sync/server-client';
import { parseServerUrl } from '../../src/sync/server-url';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createWire } from './helpers/wire';
import { createDevice, itemNamed, login, logInWith, PASSWORD, signUpWith, type Clock, type Device } from './helpers/device';

let server!: RealServer;
let accounts = 0;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_765_000_000_000 };
const CHANGED = /changed on another device/;
const UNCHECKED = /salt that Keyhold cannot check/;
const nextEmail = () => `salt${++accounts}@example.org`;
const origin = () => new URL(server.url).origin;

function serverSalt(email: string): string {
  const db = server.sqlite();
  try {
    return (db.prepare('SELECT kdf_salt FROM accounts WHERE email = ?').get(email) as { kdf_salt: string }).kdf_salt;
  } finally {
    db.close();
  }
}

/** The account as a Keyhold from before ADR 0020 made it: the new vault's random salt, uploaded as is. */
async function signUpBeforeDerivedSalts(device: Device, email: string): Promise<void> {
  await device.vault.create(PASSWORD);
  await device.items.save(login({ name: 'From the old days' }));
  const header = (await device.db.getMeta('header'))!;
  const unlocked = await unlockVault({ password: PASSWORD, header });
  const parsed = parseServerUrl(server.url);
  if (!parsed.ok) throw new Error(parsed.reason);
  const keys = { accountId: header.accountId, vaultKey: unlocked.vaultKey };
  const grant = await createServerClient({ baseUrl: parsed.url.base }).register({
    email,
    accountId: header.accountId,
    kdf: header.kdf,
    authKey: bytesToBase64url(unlocked.authKey),
    header: {
      wrappedVaultKey: header.wrappedVaultKey,
      recoveryWrappedVaultKey: header.recoveryWrappedVaultKey,
      manifest: sealManifest(new Map(), keys),
      stamp: header.stamp!,
    },
    deviceName: device.name,
    inviteToken: server.invite(),
  });
  await beginSyncing(device.db, { url: parsed.url, email, deviceName: device.name, grant, keys, now: clock.now, fresh: true });
  expect(await device.engine.syncNow()).toMatchObject({ ok: true });
}

/** What reached the server from `before` on: the procedures, in order. */
async function proceduresSince(before: number): Promise<string[]> {
  await server.settle();
  return server.procedures().slice(before);
}

describe('derived salts', () => {
  it('sign-up moves the new vault to the salt derived from the server and email; a new device logs in without a question', async () => {
    const email = nextEmail();
    const a = createDevice({ clock, name: 'A' });
    expect(await signUpWith(a, server.url, [login({ name: 'Kept' })], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    const local = (await a.db.getMeta('header'))!;
    // Generation 2: the new vault was epoch 1, the move to the derived salt epoch 2.
    expect(derivedSaltGeneration(serverSalt(email), { origin: origin(), email })).toBe(2);
    expect(local.kdf.salt).toBe(serverSalt(email));
    expect(stampEpoch(local.stamp)).toBe(2);
    // The same password still opens it, on A and on a new device, which asks nothing about the salt.
    await a.vault.lock();
    await a.vault.unlock(PASSWORD);
    const b = createDevice({ clock, name: 'B' });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
    expect(((await itemNamed(b, 'Kept')) as { name: string }).name).toBe('Kept');
  }, 90_000);

  it('a password change on a synced device moves the salt to the next derived one', async () => {
    const email = nextEmail();
    const a = createDevice({ clock, name: 'A' });
    expect(await signUpWith(a, server.url, [], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    const before = serverSalt(email);
    await a.vault.changePassword(PASSWORD, 'a changed master passphrase 31');
    expect(serverSalt(email)).not.toBe(before);
    expect(derivedSaltGeneration(serverSalt(email), { origin: origin(), email })).toBe(3);
  }, 90_000);
});

describe('the real server', () => {
  it("answers an unknown email with a salt derived for it and the address the client used, like a new account's", async () => {
    const parsed = parseServerUrl(server.url);
    if (!parsed.ok) throw new Error(parsed.reason);
    const email = `nobody-${accounts}@example.org`;
    const { kdf } = await createServerClient({ baseUrl: parsed.url.base }).prelogin(email);
    expect(derivedSaltGeneration(kdf.salt, { origin: origin(), email })).not.toBeNull();
  }, 30_000);
});

describe('a server that chooses salts', () => {
  it('one salt for two victims: a new device refuses before it derives or sends anything, and says why', async () => {
    const alice = nextEmail();
    const bob = nextEmail();
    for (const email of [alice, bob]) {
      const device = createDevice({ clock });
      expect(await signUpWith(device, server.url, [], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    }
    // The malicious server answers Bob's prelogin with Alice's (genuine, derived) salt: one dictionary for both.
    const wire = createWire();
    wire.tamper = (procedure, data) => (procedure === 'account.prelogin' ? { kdf: { ...data.kdf, salt: serverSalt(alice) } } : data);
    const c = createDevice({ clock, name: 'C', fetch: wire.fetch });
    await server.settle();
    const before = server.procedures().length;
    await expect(logInWith(c, server.url, { email: bob })).rejects.toMatchObject({ code: 'CONFIRM_SALT', message: expect.stringMatching(UNCHECKED) });
    expect(await proceduresSince(before)).toEqual(['account.prelogin']);
    expect(wire.log.map((e) => e.procedure)).toEqual(['account.prelogin']);
    expect((await c.vault.status()).state).toBe('none');
  }, 90_000);

  it('a random salt, or the derived salt of another server, is refused the same way', async () => {
    const email = nextEmail();
    const a = createDevice({ clock });
    expect(await signUpWith(a, server.url, [], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    for (const salt of [bytesToBase64url(randomBytes(16)), deriveKdfSalt({ identity: { origin: 'https://other.example', email }, generation: 2 })]) {
      const wire = createWire();
      wire.tamper = (procedure, data) => (procedure === 'account.prelogin' ? { kdf: { ...data.kdf, salt } } : data);
      const c = createDevice({ clock, fetch: wire.fetch });
      await expect(logInWith(c, server.url, { email })).rejects.toMatchObject({ code: 'CONFIRM_SALT' });
      expect(wire.log.map((e) => e.procedure)).toEqual(['account.prelogin']);
    }
  }, 90_000);

  it('once a vault has a derived salt, an unlock after a change elsewhere refuses a salt the server chose, before the password is sent', async () => {
    const email = nextEmail();
    const a = createDevice({ clock, name: 'A' });
    expect(await signUpWith(a, server.url, [], { email, inviteToken: server.invite() })).toMatchObject({ ok: true });
    const wire = createWire();
    const b = createDevice({ clock, name: 'B', fetch: wire.fetch });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
    await b.vault.lock();
    const NEW = 'the master passphrase after 57';
    await a.vault.changePassword(PASSWORD, NEW);
    const chosen = bytesToBase64url(randomBytes(16));
    wire.tamper = (procedure, data) => (procedure === 'account.prelogin' ? { kdf: { ...data.kdf, salt: chosen } } : data);
    const before = wire.log.length;
    await expect(b.vault.unlock(NEW)).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/salt is not the one made from your email/),
    });
    expect(wire.log.slice(before).map((e) => e.procedure)).not.toContain('account.login');
    // The server's real answer goes through.
    wire.tamper = null;
    clock.now += 60_000;
    await b.vault.unlock(NEW);
    expect((await b.db.getMeta('header'))!.kdf.salt).toBe(serverSalt(email));
  }, 90_000);
});

describe('an account made before derived salts', () => {
  it('a new device refuses it by default and explains; accepted, it moves the account to its derived salt, which the old device takes with the same password', async () => {
    const email = nextEmail();
    const a = createDevice({ clock, name: 'A' });
    await signUpBeforeDerivedSalts(a, email);
    const oldSalt = serverSalt(email);
    expect(derivedSaltGeneration(oldSalt, { origin: origin(), email })).toBeNull();

    const c = createDevice({ clock, name: 'C' });
    await server.settle();
    const before = server.procedures().length;
    await expect(logInWith(c, server.url, { email })).rejects.toMatchObject({
      code: 'CONFIRM_SALT',
      message: expect.stringMatching(/Accounts created with an older version of Keyhold/),
    });
    expect(await proceduresSince(before)).toEqual(['account.prelogin']);

    const accepted = await logIn(c.account, {
      serverUrl: server.url,
      email,
      password: PASSWORD,
      deviceName: 'C',
      acceptWeakerKdf: true,
      acceptUncheckedSalt: true,
    });
    expect(accepted).toMatchObject({ ok: true });
    expect(((await itemNamed(c, 'From the old days')) as { name: string }).name).toBe('From the old days');
    // Moved: a derived salt on the server and on C, one epoch on, under the same password.
    const moved = serverSalt(email);
    expect(derivedSaltGeneration(moved, { origin: origin(), email })).toBe(2);
    expect((await c.db.getMeta('header'))!.kdf.salt).toBe(moved);

    // A (unlocked) learns of it like of a password change, and takes it with the SAME password.
    expect(await a.engine.syncNow()).toMatchObject({ ok: false, reason: 'signed-out', message: expect.stringMatching(CHANGED) });
    await a.vault.unlock(PASSWORD);
    expect((await a.db.getMeta('header'))!.kdf.salt).toBe(moved);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });

    // The next new device asks nothing.
    const d = createDevice({ clock, name: 'D' });
    expect(await logInWith(d, server.url, { email })).toMatchObject({ ok: true });
  }, 120_000);

  it('the old device itself moves the account when it logs in again', async () => {
    const email = nextEmail();
    const a = createDevice({ clock, name: 'A' });
    await signUpBeforeDerivedSalts(a, email);
    // Its own salt: nothing the server chose just now, so no question.
    expect(await logInWith(a, server.url, { email })).toMatchObject({ ok: true });
    expect(derivedSaltGeneration(serverSalt(email), { origin: origin(), email })).toBe(2);
    expect((await a.db.getMeta('header'))!.kdf.salt).toBe(serverSalt(email));
  }, 90_000);
});
