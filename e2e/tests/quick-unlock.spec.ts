// Quick unlock in real Chromium (docs/adr/0019-quick-unlock.md): a PIN set in Settings unlocks after a
// lock, 5 wrong PINs leave only the master password, and a browser restart forgets the PIN; a WebAuthn
// PRF credential on Chromium's virtual authenticator (DevTools WebAuthn domain, with PRF and user
// verification) is enrolled from Settings and unlocks the vault. Nothing of Keyhold is mocked: the
// authenticator is the browser's own, driven over CDP as a real one would be by the user. Each screen
// is checked with axe in light and dark.
import { rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, launchWithExtension, extensionServiceWorker } from '../fixtures/extension.js';
import { send, sendOk } from '../fixtures/protocol.js';
import { startTestSites } from '../fixtures/test-sites.js';
import { MASTER, popupWithVault, seedLogins, watchErrors } from './vault-support.js';

const PIN = '482915';
type QuickStatus = { pin: { attemptsLeft: number } | null; prf: { credentialId: string; salt: string } | null };

async function axe(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForTimeout(100);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) expect(await axe(page, scheme), `axe in ${scheme}`).toEqual([]);
  await page.emulateMedia({ colorScheme: null });
}

async function turnOnPin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByTestId('quick-unlock-section');
  await expect(section).toBeVisible();
  await section.getByLabel('Master password for PIN unlock', { exact: true }).fill(MASTER);
  await section.getByLabel('New PIN', { exact: true }).fill(PIN);
  await section.getByLabel('Confirm PIN', { exact: true }).fill(PIN);
  await section.getByRole('button', { name: 'Turn on PIN unlock' }).click();
  await expect(section.getByTestId('quick-unlock-pin-on')).toBeVisible();
}

async function lockAndReload(page: Page): Promise<void> {
  await sendOk(page, 'vault.lock');
  await page.reload();
}

test('a PIN unlocks after a lock; 5 wrong PINs leave only the master password', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await seedLogins(page, [{ name: 'GitHub', username: 'octo', password: 'hunter2' }]);
  await page.reload();
  await turnOnPin(page);
  await expectNoAxeViolations(page);

  await lockAndReload(page);
  const pinField = page.getByLabel('PIN', { exact: true });
  await expect(pinField).toBeFocused();
  await expectNoAxeViolations(page);
  // Keyboard only: type the PIN, Enter submits.
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search')).toBeVisible();
  await expect(page.getByTestId('item-row').filter({ hasText: 'GitHub' })).toBeVisible();

  await lockAndReload(page);
  for (let left = 4; left >= 1; left--) {
    await pinField.fill('000000');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByTestId('quick-unlock-error')).toHaveText(new RegExp(`That PIN is not right\\. ${left} tr(y|ies) left\\.`));
  }
  await pinField.fill('000000');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  // The fifth wrong PIN wipes the PIN: the master-password form takes over, saying why.
  await expect(page.getByLabel('Master password', { exact: true })).toBeVisible();
  await expect(page.getByTestId('unlock-error')).toContainText('5 wrong PINs');
  await expect(page.getByRole('button', { name: 'Unlock with PIN' })).toHaveCount(0);
  expect((await sendOk<QuickStatus>(page, 'quickUnlock.status')).pin).toBeNull();
  // Even the right PIN is refused now, from any view.
  expect((await send(page, 'quickUnlock.unlockPin', { pin: PIN })).ok).toBe(false);
  await page.getByLabel('Master password', { exact: true }).fill(MASTER);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByTestId('search')).toBeVisible();
  errors.check();
});

test('the master password is needed after a browser restart, and "use master password" works before', async () => {
  const first = await launchWithExtension();
  let profileDir = first.profileDir;
  try {
    const id = new URL((await extensionServiceWorker(first.context)).url()).host;
    const page = await first.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`chrome-extension://${id}/popup.html`);
    await popupWithVaultOn(page);
    await turnOnPin(page);
    await lockAndReload(page);
    await expect(page.getByLabel('PIN', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Use master password instead' }).click();
    await expect(page.getByLabel('Master password', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Unlock with PIN' }).click();
    await expect(page.getByLabel('PIN', { exact: true })).toBeVisible();
    errors.check();
    await first.context.close();

    const second = await launchWithExtension({ profileDir });
    try {
      await extensionServiceWorker(second.context);
      const again = await second.context.newPage();
      await again.goto(`chrome-extension://${id}/popup.html`);
      await expect(again.getByLabel('Master password', { exact: true })).toBeVisible();
      await expect(again.getByLabel('PIN', { exact: true })).toHaveCount(0);
      expect((await sendOk<QuickStatus>(again, 'quickUnlock.status')).pin).toBeNull();
      const refused = await send(again, 'quickUnlock.unlockPin', { pin: PIN });
      expect(refused.ok).toBe(false);
      await again.getByLabel('Master password', { exact: true }).fill(MASTER);
      await again.getByRole('button', { name: 'Unlock', exact: true }).click();
      await expect(again.getByTestId('search')).toBeVisible();
    } finally {
      await second.context.close();
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
    profileDir = '';
  }
});

test('a content script cannot read the PIN wrap in storage.session', async ({ context, openPopup, extensionId }) => {
  const { page } = await popupWithVault(openPopup);
  await turnOnPin(page);
  const sites = await startTestSites();
  try {
    const site = await context.newPage();
    const cdp = await context.newCDPSession(site);
    // The content script's isolated world announces itself with the extension's origin.
    let worlds: number[] = [];
    cdp.on('Runtime.executionContextsCleared', () => (worlds = []));
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => (worlds = worlds.filter((id) => id !== executionContextId)));
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      if (c.origin === `chrome-extension://${extensionId}`) worlds.push(c.id);
    });
    await cdp.send('Runtime.enable');
    await site.goto(sites.httpLocalhost.url('/autofill/login.html'));
    await expect.poll(() => worlds.length, { message: "Keyhold's content script runs in the page" }).toBeGreaterThan(0);
    for (const contextId of worlds) {
      const read = await cdp.send('Runtime.evaluate', {
        contextId,
        awaitPromise: true,
        returnByValue: true,
        expression: `(async () => {
          if (!globalThis.chrome?.storage?.session) return 'no storage.session here';
          try { return JSON.stringify(await chrome.storage.session.get(null)); } catch (e) { return 'refused: ' + e.message; }
        })()`,
      });
      const value = String(read.result.value);
      expect(value).not.toContain('quickUnlockPin');
      expect(value).not.toContain('wrapped');
    }
    // The background still has it.
    expect((await sendOk<QuickStatus>(page, 'quickUnlock.status')).pin).not.toBeNull();
  } finally {
    await sites.close();
  }
});

/** Onboarding on a page that is already open (popupWithVault opens its own). */
async function popupWithVaultOn(page: Page): Promise<void> {
  await popupWithVault(async () => page);
}

/** Chromium's virtual authenticator on this tab: a platform authenticator with user verification and PRF (hmac-secret). */
async function virtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });
}

test('biometrics through WebAuthn PRF: enrol in Settings, lock, unlock with the authenticator', async ({ context, openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await seedLogins(page, [{ name: 'Bank', username: 'ada', password: 'pw' }]);
  await virtualAuthenticator(context, page);

  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByTestId('quick-unlock-section');
  await section.getByLabel('Master password for biometrics', { exact: true }).fill('not the master password');
  await section.getByRole('button', { name: 'Set up biometrics or security key' }).click();
  await expect(section.getByRole('alert')).toContainText('master password is not right');
  expect((await sendOk<QuickStatus>(page, 'quickUnlock.status')).prf).toBeNull();
  await section.getByLabel('Master password for biometrics', { exact: true }).fill(MASTER);
  await section.getByRole('button', { name: 'Set up biometrics or security key' }).click();
  await expect(section.getByTestId('quick-unlock-prf-on')).toBeVisible();
  const status = await sendOk<QuickStatus>(page, 'quickUnlock.status');
  expect(status.prf?.credentialId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  await expectNoAxeViolations(page);

  await lockAndReload(page);
  const button = page.getByRole('button', { name: 'Unlock with biometrics or security key' });
  await expect(button).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search')).toBeVisible();
  await expect(page.getByTestId('item-row').filter({ hasText: 'Bank' })).toBeVisible();

  // A PRF output the authenticator did not make opens nothing.
  await sendOk(page, 'vault.lock');
  const forged = await send(page, 'quickUnlock.unlockPrf', { prfOutput: 'A'.repeat(43) });
  expect(forged).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });

  // A master-password change turns biometrics off.
  await page.reload();
  await button.click();
  await expect(page.getByTestId('search')).toBeVisible();
  await sendOk(page, 'vault.changePassword', { currentPassword: MASTER, newPassword: 'granite meadow 77 quiet falcon' });
  expect(await sendOk<QuickStatus>(page, 'quickUnlock.status')).toEqual({ pin: null, prf: null });
  errors.check();
});
