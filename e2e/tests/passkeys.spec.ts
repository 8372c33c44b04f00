// Passkeys end to end (issue: passkeys; docs/adr passkeys): real Chromium with the built extension
// as the WebAuthn authenticator, against a real relying party whose server verifies with
// @simplewebauthn/server. Register → sign in → sign in after a browser restart and unlock → delete
// the passkey and see the call fall through to the browser's own WebAuthn (a CDP virtual
// authenticator stands in for the user's phone or security key there).
import { rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { startPasskeyRp, type PasskeyRp } from '../fixtures/passkey-rp.js';
import { MASTER_PASSWORD } from '../fixtures/protocol.js';
import { clickToFinish, nextDialog, openPasskeyBrowser, vaultPasskeys, type PasskeyBrowser } from './passkeys-support.js';

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const KEYHOLD_AAGUID = 'c2af7454-77f6-49fb-82ba-52c584bcbac9';
type RpPage = { rp: { register(userName?: string, patch?: object): Promise<unknown>; signIn(patch?: object): Promise<unknown> } };

let rp: PasskeyRp;
test.beforeAll(async () => {
  rp = await startPasskeyRp();
});
test.afterAll(async () => {
  await rp?.close();
});

test('register, sign in, sign in again after a restart and unlock, and fall back to the browser once deleted', async () => {
  test.setTimeout(120_000);
  let browser: PasskeyBrowser = await openPasskeyBrowser();
  try {
    const site = await browser.context.newPage();
    await site.goto(rp.url);

    // Register: Keyhold's dialog asks; the RP verifies a "none" attestation from Keyhold's AAGUID.
    const dialogShown = nextDialog(browser.context);
    const registered = site.evaluate(() => (window as unknown as RpPage).rp.register('ada@bank.localhost'));
    const dialog = await dialogShown;
    await expect(dialog.getByRole('heading', { name: 'Save a passkey in Keyhold?' })).toBeVisible();
    await expect(dialog.getByText('bank.localhost', { exact: true })).toBeVisible();
    // The dialog passes axe (WCAG 2.1 AA and best practices) in light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await dialog.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(dialog), scheme).toEqual([]);
    }
    await clickToFinish(dialog, 'Save passkey');
    expect(await registered).toEqual({ verified: true, userVerified: true, backedUp: true, aaguid: KEYHOLD_AAGUID });
    expect(rp.credentials[0]).toMatchObject({ userName: 'ada@bank.localhost', deviceType: 'multiDevice', backedUp: true, counter: 0 });

    const stored = await vaultPasskeys(browser.admin);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: rp.credentials[0]!.id, rpId: 'bank.localhost', userName: 'ada@bank.localhost', lastUsedAt: null });

    // Sign in: the dialog lists the passkey; one click signs in.
    const signInDialog = nextDialog(browser.context);
    const signedIn = site.evaluate(() => (window as unknown as RpPage).rp.signIn());
    const chooser = await signInDialog;
    await clickToFinish(chooser, /ada@bank\.localhost/);
    expect(await signedIn).toEqual({ verified: true, userName: 'ada@bank.localhost', userVerified: true });
    await expect.poll(async () => (await vaultPasskeys(browser.admin))[0]?.lastUsedAt ?? null).not.toBeNull();

    // Restart the browser (the vault locks): the dialog asks to unlock, then offers the passkey.
    const profileDir = browser.profileDir;
    await browser.context.close();
    browser = await openPasskeyBrowser({ profileDir, newVault: false });
    const again = await browser.context.newPage();
    await again.goto(rp.url);
    const unlockDialog = nextDialog(browser.context);
    const afterRestart = again.evaluate(() => (window as unknown as RpPage).rp.signIn());
    const unlock = await unlockDialog;
    await expect(unlock.getByRole('heading', { name: 'Unlock Keyhold to sign in with a passkey' })).toBeVisible();
    await unlock.getByLabel('Master password').fill(MASTER_PASSWORD);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await clickToFinish(unlock, /ada@bank\.localhost/);
    expect(await afterRestart).toEqual({ verified: true, userName: 'ada@bank.localhost', userVerified: true });

    // Delete the passkey: the next sign-in goes to the browser's own WebAuthn, with no Keyhold dialog.
    // A CDP virtual authenticator (with no credential for this site) answers there: NotAllowedError.
    // In the vault page: the login shows its passkey (site, user, created, last used) and deletes it.
    const vault = await browser.context.newPage();
    await vault.goto(`chrome-extension://${browser.extensionId}/vault.html`);
    await vault.getByText('Keyhold Test Bank').first().click();
    const section = vault.getByRole('region', { name: 'Passkeys' });
    await expect(section).toContainText('Passkey for bank.localhost');
    await expect(section).toContainText('ada@bank.localhost');
    await expect(section).toContainText('used just now');
    await expect(section).not.toContainText(stored[0]!.privateKey);
    await section.getByRole('button', { name: 'Delete the passkey for bank.localhost' }).click();
    await section.getByRole('button', { name: 'Delete passkey' }).click();
    await expect.poll(async () => (await vaultPasskeys(browser.admin)).length).toBe(0);
    await expect(vault.getByRole('region', { name: 'Passkeys' })).toHaveCount(0);
    const cdp = await browser.context.newCDPSession(again);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'usb',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const fellBack = await again.evaluate(() =>
      (window as unknown as RpPage).rp.signIn({ timeout: 3000 }).then(
        (r) => r,
        (e: Error) => e.name,
      ),
    );
    expect(fellBack).toBe('NotAllowedError');
    expect(browser.context.pages().some((p) => p.url().includes('/passkey.html'))).toBe(false);
    expect(browser.consoleErrors).toEqual([]);
  } finally {
    const dir = browser.profileDir;
    await browser.context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
