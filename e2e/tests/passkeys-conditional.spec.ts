// Passkey autofill (WebAuthn conditional mediation) in real Chromium against the real test relying
// party: the page starts navigator.credentials.get({ mediation: 'conditional' }) on its own, Keyhold
// opens no dialog, and the site's passkeys appear in the inline menu of the username field once the
// user clicks it; choosing one there answers the waiting call, and the RP verifies the assertion
// (docs/adr/0018-passkeys.md). A page cannot make the menu choose for the user: its scripted keys,
// clicks and dispatched events are ignored, and a page popover over the menu that lets clicks
// through makes a real click choose nothing (the inline menu's trusted-click rules, check-activation.ts).
import { test, expect, type Page } from '@playwright/test';
import type { PasskeyRp } from '../fixtures/passkey-rp.js';
import { openPasskeySite, type PasskeySite } from '../fixtures/passkey-site.js';
import { READ_DELAY_MS, readUi, waitForEntry, waitForIconIn, type UiEntry } from './autofill-support.js';
import { dialogOpen, type PasskeyBrowser } from './passkeys-support.js';

type RpWindow = {
  rp: { conditional(): Promise<unknown>; abortConditional(): void; conditionalState: string };
};
const USER = 'ada@bank.localhost';
/** The passkey's entry in the menu: its user name, then "Passkey · <login name>" (the login's own entry shows the same user name). */
const PASSKEY_ENTRY = 'Passkey · Keyhold Test Bank';

let rp: PasskeyRp;
let browser: PasskeyBrowser;
let passkeySite: PasskeySite | undefined;

test.beforeAll(async () => {
  passkeySite = await openPasskeySite({ userName: USER });
  ({ rp, browser } = passkeySite);
});

test.afterAll(async () => {
  await passkeySite?.close();
});

/** The RP's page with its conditional get started (and still waiting: the promise is kept in the page). */
async function pageWaitingForPasskey(): Promise<Page> {
  const site = await browser.context.newPage();
  await site.goto(rp.url);
  expect(await site.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable())).toBe(true);
  await site.evaluate(() => {
    const w = window as unknown as RpWindow & { conditionalResult?: Promise<unknown> };
    w.conditionalResult = w.rp.conditional();
    w.conditionalResult.catch(() => undefined);
  });
  await expect.poll(() => site.evaluate(() => (window as unknown as RpWindow).rp.conditionalState)).toBe('pending');
  // The request loads the autofill engine into the page (it has no password field); once it has
  // detected the field, its icon rests there.
  await waitForIconIn(site, '#user');
  return site;
}

/** The user clicks the username field; its menu opens and shows `text`. */
async function openMenuAt(site: Page, text: string): Promise<UiEntry> {
  await site.click('#user');
  return waitForEntry(site, text);
}

const state = (site: Page) => site.evaluate(() => (window as unknown as RpWindow).rp.conditionalState);
const result = (site: Page) => site.evaluate(() => (window as unknown as { conditionalResult: Promise<unknown> }).conditionalResult);

test('a conditional get opens no dialog; the passkey chosen in the username field’s menu signs in', async () => {
  const site = await pageWaitingForPasskey();
  await site.waitForTimeout(500);
  expect(dialogOpen(browser.context)).toBe(false);

  const entry = await openMenuAt(site, PASSKEY_ENTRY);
  expect(entry.title).toBe(USER);
  await site.waitForTimeout(READ_DELAY_MS);
  await site.mouse.click(entry.x, entry.y);
  expect(await result(site)).toEqual({ verified: true, userName: USER, userVerified: true });
  expect(dialogOpen(browser.context)).toBe(false);
  expect(browser.consoleErrors).toEqual([]);
  await site.close();
});

test('an aborted conditional get is gone from the menu', async () => {
  const site = await pageWaitingForPasskey();
  await site.evaluate(() => (window as unknown as RpWindow).rp.abortConditional());
  await expect.poll(() => state(site)).toBe('AbortError');
  // The menu still opens (the site's login), without the passkey: no entry of it, whatever the order.
  await openMenuAt(site, USER);
  await site.waitForTimeout(300);
  expect((await readUi(site)).entries.filter((e) => e.text.includes('Passkey'))).toEqual([]);
  await site.close();
});

test('a page cannot make the menu choose its passkey: scripted keys and clicks, and a popover over the menu, choose nothing', async () => {
  const site = await pageWaitingForPasskey();
  const entry = await openMenuAt(site, PASSKEY_ENTRY);
  await site.waitForTimeout(READ_DELAY_MS);
  await site.evaluate(({ x, y }) => {
    const field = document.getElementById('user')!;
    for (const key of ['ArrowDown', 'Enter'])
      field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    // The keys above may already have chosen (the menu is gone then): the state below says so.
    const host = document.querySelector<HTMLElement>('keyhold-menu');
    host?.click();
    (document.elementFromPoint(x, y) as HTMLElement | null)?.click();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
      host?.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
  }, entry);
  await site.waitForTimeout(500);
  expect(await state(site)).toBe('pending');

  // A page popover over the menu that lets the user's real click through to it: the click chooses nothing.
  await site.evaluate(() => {
    const cover = document.createElement('div');
    cover.setAttribute('popover', 'manual');
    cover.textContent = 'Click to claim your prize';
    cover.style.cssText = 'inset:0;width:100vw;height:100vh;margin:0;background:#fff;pointer-events:none';
    document.body.append(cover);
    cover.showPopover();
  });
  await site.mouse.click(entry.x, entry.y);
  await site.waitForTimeout(500);
  expect(await state(site)).toBe('pending');
  await site.evaluate(() => document.querySelector<HTMLElement>('[popover]')?.hidePopover());

  // Control: the user's own key presses in the same field choose the passkey (the first entry).
  await openMenuAt(site, PASSKEY_ENTRY);
  await site.waitForTimeout(READ_DELAY_MS);
  await site.keyboard.press('ArrowDown');
  await site.keyboard.press('Enter');
  expect(await result(site)).toEqual({ verified: true, userName: USER, userVerified: true });
  await site.close();
});
