// A passkey made in one browser signs in from a second one after sync (issue: passkeys): two
// Chromium profiles with the built extension, the REAL sync server process, and the real test
// relying party. The passkey travels inside the login's encrypted details like a password; B signs
// in with it and the RP verifies the signature against the public key it stored when A registered.
// Also: "Use another device" hands create() to the browser's own WebAuthn, which a CDP virtual
// authenticator answers, and Keyhold stores nothing.
import { rmSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { startPasskeyRp, type PasskeyRp } from '../fixtures/passkey-rp.js';
import { startSyncServer, type SyncServer } from '../fixtures/sync-server.js';
import { MASTER_PASSWORD, sendOk } from '../fixtures/protocol.js';
import { clickToFinish, nextDialog, openPasskeyBrowser, vaultPasskeys, type PasskeyBrowser } from './passkeys-support.js';

type RpPage = { rp: { register(userName?: string, patch?: object): Promise<unknown>; signIn(patch?: object): Promise<unknown> } };

let rp: PasskeyRp;
let server: SyncServer;
const opened: PasskeyBrowser[] = [];

test.beforeAll(async () => {
  [rp, server] = await Promise.all([startPasskeyRp(), startSyncServer()]);
});
test.afterAll(async () => {
  for (const b of opened) {
    await b.context.close();
    rmSync(b.profileDir, { recursive: true, force: true });
  }
  await Promise.all([rp?.close(), server?.dispose()]);
});

async function browserNamed(newVault: boolean): Promise<PasskeyBrowser> {
  const b = await openPasskeyBrowser({ newVault });
  opened.push(b);
  return b;
}

test('a passkey registered in browser A signs in from browser B after sync, and B records its use', async () => {
  test.setTimeout(120_000);
  const a = await browserNamed(true);
  const siteA = await a.context.newPage();
  await siteA.goto(rp.url);
  const saveDialog = nextDialog(a.context);
  const registered = siteA.evaluate(() => (window as unknown as RpPage).rp.register('sync@bank.localhost'));
  await clickToFinish(await saveDialog, 'Save passkey');
  expect(await registered).toMatchObject({ verified: true, backedUp: true });

  const email = `passkeys-${Date.now()}@example.org`;
  await sendOk(a.admin, 'sync.signUp', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'A', inviteToken: server.invite() });
  const b = await browserNamed(false);
  await sendOk(b.admin, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'B' });
  const onB = await vaultPasskeys(b.admin);
  expect(onB.map((p) => p.id)).toEqual([rp.credentials.at(-1)!.id]);

  const siteB = await b.context.newPage();
  await siteB.goto(rp.url);
  const chooser = nextDialog(b.context);
  const signedIn = siteB.evaluate(() => (window as unknown as RpPage).rp.signIn());
  await clickToFinish(await chooser, /sync@bank\.localhost/);
  expect(await signedIn).toEqual({ verified: true, userName: 'sync@bank.localhost', userVerified: true });

  // B's "last used" reaches A with the next sync, as any edit does.
  await expect.poll(async () => (await vaultPasskeys(b.admin))[0]?.lastUsedAt ?? null).not.toBeNull();
  await sendOk(b.admin, 'sync.now', {});
  await sendOk(a.admin, 'sync.now', {});
  expect((await vaultPasskeys(a.admin))[0]?.lastUsedAt).toBe((await vaultPasskeys(b.admin))[0]?.lastUsedAt);
  expect([...a.consoleErrors, ...b.consoleErrors]).toEqual([]);
});

test('"Use another device" gives create() to the browser unchanged: its authenticator registers, Keyhold stores nothing', async () => {
  const c = await browserNamed(true);
  const site = await c.context.newPage();
  await site.goto(rp.url);
  const cdp = await c.context.newCDPSession(site);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })) as { authenticatorId: string };
  const dialog = nextDialog(c.context);
  const registered = site.evaluate(() => (window as unknown as RpPage).rp.register('key@bank.localhost'));
  await clickToFinish(await dialog, 'Use another device or security key');
  const result = (await registered) as { verified: boolean; aaguid: string };
  expect(result.verified).toBe(true);
  // The virtual authenticator's AAGUID (all zeros), not Keyhold's.
  expect(result.aaguid).toBe('00000000-0000-0000-0000-000000000000');
  const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: unknown[] };
  expect(credentials).toHaveLength(1);
  expect(await vaultPasskeys(c.admin)).toEqual([]);
  expect(c.consoleErrors).toEqual([]);
});
