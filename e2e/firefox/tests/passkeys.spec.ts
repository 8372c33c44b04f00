// Passkeys in real Firefox ESR against the same test relying party as the Chromium suite (its server
// verifies with @simplewebauthn/server): register, then sign in, through Keyhold's dialog window.
// Firefox runs the main-world wrapper as a manifest content script with world MAIN (Firefox 128+)
// and the bridge in the content scripts' world, as Chromium does (docs/adr/0018-passkeys.md,
// "Firefox"). The RP's host name is mapped to loopback and allowed as a secure context by prefs,
// which Chromium does for *.localhost on its own.
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startPasskeyRp, RP_ID, type PasskeyRp } from '../../fixtures/passkey-rp.js';
import { launchFirefox, sendOk, watchErrors, type FirefoxWithExtension } from '../fixtures/firefox.js';
import { clickButton } from '../fixtures/popup-ui.js';

const KEYHOLD_AAGUID = 'c2af7454-77f6-49fb-82ba-52c584bcbac9';
const USER = 'ada@bank.localhost';
type RpWindow = { rp: { register(userName?: string): Promise<unknown>; signIn(): Promise<unknown> } };

let rp: PasskeyRp;
let fx: FirefoxWithExtension;

test.beforeAll(async () => {
  rp = await startPasskeyRp();
  fx = await launchFirefox({ prefs: { 'network.dns.localDomains': RP_ID, 'dom.securecontext.allowlist': RP_ID } });
  const admin = await fx.openExtensionPage('popup.html');
  await sendOk(admin, 'vault.create', { password: 'violet-anchor-harbor-91-lantern' });
  await sendOk(admin, 'vault.confirmRecovery');
});
test.afterAll(async () => {
  await fx?.close();
  await rp?.close();
});

/**
 * Keyhold's dialog, the extension window the next WebAuthn call opens. WebDriver BiDi does not
 * report a tab's move into the extension's process (fixtures/firefox.ts), so the window's target
 * keeps the URL about:blank: it is found by asking each page where it is.
 */
async function nextDialog(): Promise<Page> {
  const until = Date.now() + 20_000;
  for (;;) {
    for (const page of await fx.browser.pages()) {
      const ready = await page.evaluate(() => location.pathname === '/passkey.html' && document.querySelector('button') !== null).catch(() => false);
      if (ready) return page;
    }
    if (Date.now() > until) throw new Error('Keyhold did not open its passkey dialog');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('register a passkey in Keyhold and sign in with it', async () => {
  const site = await fx.browser.newPage();
  const { errors } = watchErrors(site);
  await site.goto(rp.url);
  expect(await site.evaluate(() => window.isSecureContext)).toBe(true);

  const registered = site.evaluate((user) => (window as unknown as RpWindow).rp.register(user), USER);
  const saveDialog = await nextDialog();
  await clickButton(saveDialog, 'Save passkey');
  expect(await registered).toEqual({ verified: true, userVerified: true, backedUp: true, aaguid: KEYHOLD_AAGUID });
  expect(rp.credentials[0]).toMatchObject({ userName: USER, backedUp: true, counter: 0 });

  const signedIn = site.evaluate(() => (window as unknown as RpWindow).rp.signIn());
  const chooser = await nextDialog();
  await clickButton(chooser, new RegExp(USER.replace(/\./g, '\\.')));
  expect(await signedIn).toEqual({ verified: true, userName: USER, userVerified: true });
  expect(errors).toEqual([]);
  await site.close();
});
