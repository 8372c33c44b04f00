// Lock locks every open view (docs/architecture.md, "The vault session"): a full-page vault tab that
// shows an item with its password revealed and its TOTP code ticking drops to the unlock screen within
// a second of a lock — pressed in the popup, or fired by the auto-lock alarm — and afterwards its DOM
// holds none of the item's decrypted values, and what it asks for is refused as LOCKED.
import type { Page, Worker } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { createVault, send, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';
import { watchErrors } from './vault-support.js';

const SECRET = { name: 'Payroll portal', username: 'amelia.payroll', password: 'Tq7#vault-only-SECRET-91', notes: 'desk drawer code 4471' };

/** A vault tab with the secret item open, its password shown and its TOTP code on screen. */
async function vaultTabShowingSecret(context: import('@playwright/test').BrowserContext, popup: Page, extensionId: string): Promise<Page> {
  const item = loginItem(SECRET.name, {
    username: SECRET.username,
    password: SECRET.password,
    notes: SECRET.notes,
    totp: 'otpauth://totp/Payroll:amelia?secret=JBSWY3DPEHPK3PXP&issuer=Payroll',
  });
  await sendOk(popup, 'items.save', { item });
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/vault.html`);
  await tab.getByTestId('item-row').filter({ hasText: SECRET.name }).click();
  const view = tab.getByTestId('item-view');
  await expect(view).toContainText(SECRET.username);
  await view.getByRole('button', { name: 'Show password' }).click();
  await expect(view).toContainText(SECRET.password);
  await expect(view.getByTestId('totp-code')).toHaveText(/\d{3}\s?\d{3}/);
  return tab;
}

/** The page's whole DOM as text and markup (values of inputs too): none of the secret may be there. */
async function domText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = Array.from(document.querySelectorAll('input, textarea'), (e) => (e as HTMLInputElement).value);
    return `${document.documentElement.outerHTML}\n${document.body.innerText}\n${values.join('\n')}`;
  });
}

async function expectLockedAndEmpty(tab: Page, itemCode: string): Promise<void> {
  await expect(tab.getByRole('heading', { name: 'Unlock Keyhold' })).toBeVisible({ timeout: 1_000 });
  const dom = await domText(tab);
  for (const value of [SECRET.password, SECRET.username, SECRET.notes, SECRET.name, itemCode]) expect(dom).not.toContain(value);
  // Fails closed: the tab's own requests are refused.
  const reply = await send(tab, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 5 });
  expect(reply.ok ? null : reply.error.code).toBe('LOCKED');
}

const totpText = async (tab: Page) => ((await tab.getByTestId('totp-code').textContent()) ?? '').replace(/\s/g, '');

test('a lock pressed in the popup clears an open vault tab within a second', async ({ context, openPopup, extensionId }) => {
  const popup = await openPopup();
  await createVault(popup);
  const tab = await vaultTabShowingSecret(context, popup, extensionId);
  const errors = watchErrors(tab);
  const code = await totpText(tab);

  await popup.reload();
  await popup.getByRole('button', { name: 'Lock' }).click();
  await expectLockedAndEmpty(tab, code);
  errors.check();
});

test('auto-lock clears an open vault tab within a second of firing', async ({ context, openPopup, extensionId, serviceWorker }) => {
  const popup = await openPopup();
  await createVault(popup);
  const tab = await vaultTabShowingSecret(context, popup, extensionId);
  const errors = watchErrors(tab);
  const code = await totpText(tab);
  await popup.close();

  // The auto-lock alarm itself, brought forward (unpacked extensions may set alarms under a minute):
  // the background's own alarm listener locks, as it does after the chosen minutes of inactivity.
  // Both sides stamp the wall clock they share: the worker when the alarm fires, the tab when its
  // unlock screen appears.
  await watchForUnlockScreen(tab);
  const firedAt = await fireAutoLockAlarm(serviceWorker);
  const shownAt = await tab.evaluate(() => (window as unknown as { unlockShown: Promise<number> }).unlockShown);
  expect(shownAt - firedAt).toBeLessThan(1_000);
  await expectLockedAndEmpty(tab, code);
  errors.check();
});

async function watchForUnlockScreen(tab: Page): Promise<void> {
  await tab.evaluate(() => {
    const shown = () => Array.from(document.querySelectorAll('h1')).some((h) => h.textContent === 'Unlock Keyhold');
    (window as unknown as { unlockShown: Promise<number> }).unlockShown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve(Date.now());
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  });
}

/** Sets the auto-lock alarm to fire now and answers when it fired (the worker's clock). */
async function fireAutoLockAlarm(worker: Worker): Promise<number> {
  return worker.evaluate(
    () =>
      new Promise<number>((resolve) => {
        type Alarms = {
          onAlarm: { addListener(f: (a: { name: string }) => void): void };
          create(name: string, info: { when: number }): Promise<void>;
        };
        const { alarms } = (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome;
        alarms.onAlarm.addListener((alarm) => {
          if (alarm.name === 'auto-lock') resolve(Date.now());
        });
        void alarms.create('auto-lock', { when: Date.now() + 200 });
      }),
  );
}

test('a recovery key on screen goes when another view locks', async ({ openPopup }) => {
  const viewer = await openPopup();
  const { recoveryKey } = await createVault(viewer);
  await viewer.reload();
  const errors = watchErrors(viewer);
  await viewer.getByRole('button', { name: 'Settings' }).click();
  await viewer.getByLabel('Master password for the recovery key', { exact: true }).fill(MASTER_PASSWORD);
  await viewer.getByRole('button', { name: 'View recovery key' }).click();
  await expect(viewer.getByTestId('recovery-key')).toBeVisible();
  const groups = recoveryKey.split('-').filter((g) => g.length >= 4);

  const other = await openPopup();
  await other.getByRole('button', { name: 'Lock' }).click();
  await expect(viewer.getByRole('heading', { name: 'Unlock Keyhold' })).toBeVisible({ timeout: 1_000 });
  const dom = await domText(viewer);
  for (const group of groups) expect(dom).not.toContain(group);
  errors.check();
});
