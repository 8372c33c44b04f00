// The vault in real Firefox: onboarding through the popup (recovery key shown once, one group
// re-typed), lock and unlock, a login created through its form and found by search (a typo
// forgiven), and the extension as Firefox sees it (MV3 event page, permissions, session storage).
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, reloadExtensionPage, sendOk, watchErrors, type FirefoxWithExtension } from '../fixtures/firefox.js';
import { clickButton, createVaultThroughUi, fill, listedNames, MASTER, unlockThroughUi, waitForTestId, waitForText } from '../fixtures/popup-ui.js';

test.describe.configure({ mode: 'serial' });

let fx: FirefoxWithExtension;
let page: Page;
let errors: string[];
test.beforeAll(async () => {
  fx = await launchFirefox();
  page = await fx.openExtensionPage('popup.html');
  errors = watchErrors(page).errors;
});
test.afterAll(async () => {
  await fx?.close();
});

test('the Firefox build is an MV3 event page with its permissions granted and no offscreen document', async () => {
  const seen = await page.evaluate(async () => {
    type Api = {
      runtime: { getManifest(): { manifest_version: number; background?: unknown } };
      permissions: { getAll(): Promise<{ origins: string[]; permissions: string[] }> };
      storage: { session?: { get?: unknown } };
    };
    const b = (globalThis as unknown as { browser: Api }).browser;
    const manifest = b.runtime.getManifest();
    return {
      version: manifest.manifest_version,
      background: manifest.background,
      permissions: await b.permissions.getAll(),
      offscreen: 'offscreen' in b,
      session: typeof b.storage.session?.get,
    };
  });
  expect(seen.version).toBe(3);
  expect(seen.background).toMatchObject({ scripts: [`${fx.origin}/background.js`], type: 'module' });
  expect(seen.permissions.origins).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
  expect(seen.permissions.permissions).not.toContain('offscreen');
  expect(seen.offscreen).toBe(false);
  expect(seen.session).toBe('function');
});

test('onboarding: choose a master password, save the recovery key, confirm one group', async () => {
  await waitForText(page, 'Welcome to Keyhold');
  const key = await createVaultThroughUi(page);
  expect(key).toMatch(/^([0-9A-Z]{4}-){12,}[0-9A-Z]{2,4}$/);
  expect(await sendOk<{ state: string; recoveryConfirmed: boolean }>(page, 'vault.status')).toMatchObject({
    state: 'unlocked',
    recoveryConfirmed: true,
  });
  await waitForText(page, 'No items yet');
});

test('lock, a wrong password is refused, the right one unlocks', async () => {
  await clickButton(page, 'Lock');
  await waitForText(page, 'Unlock Keyhold');
  await fill(page, 'Master password', 'not the password');
  await clickButton(page, 'Unlock');
  await expect
    .poll(() => page.$eval('[data-testid="unlock-error"]', (e) => e.textContent).catch(() => null))
    .toBe('That master password is not right.');
  await unlockThroughUi(page, MASTER);
  // The session outlives the page: a reopened popup is still unlocked (storage.session).
  await reloadExtensionPage(page);
  await waitForTestId(page, 'search');
});

test('a login created through its form is listed and found by search, a typo forgiven', async () => {
  await clickButton(page, 'New item');
  await clickButton(page, 'Login');
  await fill(page, 'Name', 'GitHub');
  await fill(page, 'Username', 'octocat@example.com');
  await fill(page, 'Password', 'first-Password-1');
  await clickButton(page, 'Save');
  await waitForTestId(page, 'item-view');
  await waitForText(page, 'octocat@example.com');
  await clickButton(page, 'Back');
  for (const name of ['GitLab', 'Mail']) {
    await clickButton(page, 'New item');
    await clickButton(page, 'Login');
    await fill(page, 'Name', name);
    await clickButton(page, 'Save');
    await waitForTestId(page, 'item-view');
    await clickButton(page, 'Back');
  }
  await expect.poll(() => listedNames(page)).toEqual(['GitHub', 'GitLab', 'Mail']);
  await fill(page, 'Search the vault', 'gihtub');
  await expect.poll(async () => (await listedNames(page))[0]).toBe('GitHub');
  await fill(page, 'Search the vault', 'mail');
  await expect.poll(() => listedNames(page)).toEqual(['Mail']);
  // The full-page vault opens on the same session and lists the same items.
  const vault = await fx.openExtensionPage('vault.html');
  const vaultErrors = watchErrors(vault).errors;
  await waitForText(vault, 'GitLab');
  await vault.close();
  expect(vaultErrors).toEqual([]);
  expect(errors).toEqual([]);
});
