// The autofill security rules (docs/architecture.md, "Autofill rules") that do not lean on a
// Chromium-only API, against the attack pages of the e2e test sites in real Firefox: invisible fields,
// a page fading or tampering with our menu, a page's own popover or modal over it (Chromium also has
// IntersectionObserver v2 to see that; Firefox has only the top-layer and hit-test checks), and a
// form that sends to another origin.
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { ITEM, LOGIN, startAutofillWorld, type AutofillWorld } from '../fixtures/autofill-world.js';
import { chooseFromMenu, poll, readUi, valuesOf, waitForEntry, READ_DELAY_MS } from '../fixtures/page-ui.js';

test.describe.configure({ mode: 'serial' });

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld();
});
test.afterAll(async () => {
  await world?.close();
});
test.beforeEach(async () => {
  await world.clearItems();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('invisible fields are never filled', async () => {
  const id = await world.addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  for (const variant of ['display-none', 'visibility-hidden', 'one-pixel', 'off-screen', 'opacity-field', 'opacity-ancestor', 'covered']) {
    // Through the menu where the detector still sees a login form, and through the popup's fill.
    const page = await world.open(world.sites.httpIp.url(`/autofill/invisible.html?variant=${variant}`));
    await page.click('#username');
    const entry = await waitForEntry(world.fx, page.mainFrame(), ITEM.name, 'keyhold-menu', 2000).catch(() => null);
    if (entry !== null) {
      await sleep(READ_DELAY_MS);
      await page.mouse.click(entry.x, entry.y);
      await poll(() => valuesOf(page.mainFrame(), 'username'), [ITEM.username]);
    }
    await world.fillFromPopup(page, id);
    await sleep(300);
    expect(await valuesOf(page.mainFrame(), 'password'), variant).toEqual(['']);
    await page.close();
  }
  // The same page with the field left visible: filled, both ways.
  const page = await world.open(world.sites.httpIp.url('/autofill/invisible.html?variant=none'));
  await chooseFromMenu(world.fx, page, page.mainFrame(), '#username', ITEM.name);
  await poll(() => valuesOf(page.mainFrame(), 'password'), [ITEM.password]);
  await page.evaluate(() => ((document.getElementById('password') as HTMLInputElement).value = ''));
  expect(await world.fillFromPopup(page, id)).toBe(true);
  await poll(() => valuesOf(page.mainFrame(), 'password'), [ITEM.password]);
  await page.close();
});

/** Opens the menu, lets the page do something to it, then clicks where the entry was. Nothing may be filled. */
async function tamperThenClick(tamper: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await world.open(world.sites.httpIp.url(LOGIN));
  await page.click('#username');
  const entry = await waitForEntry(world.fx, page.mainFrame(), ITEM.name);
  await sleep(READ_DELAY_MS);
  await tamper(page);
  await sleep(50);
  await page.mouse.click(entry.x, entry.y);
  await sleep(400);
  expect(await valuesOf(page.mainFrame(), 'username', 'password')).toEqual(['', '']);
  return page;
}

test('lowering the opacity of html or body after the menu opened fills nothing', async () => {
  await world.addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  await (await tamperThenClick((p) => p.evaluate(() => (document.body.style.opacity = '0.05')))).close();
  const viaSheet = await tamperThenClick((p) =>
    p.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'html { opacity: 0.05 }';
      document.head.append(style);
    }),
  );
  expect((await readUi(world.fx, viaSheet.mainFrame())).present).toBe(false);
  await viaSheet.close();
});

test('the page removing, hiding or restyling our menu closes it and fills nothing', async () => {
  await world.addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const attacks = ['removed', 'transparent', 'popover hidden', 'class changed', 'moved off screen'];
  for (const [index, attack] of attacks.entries()) {
    const page = await tamperThenClick((p) =>
      p.evaluate((which: number) => {
        const host = document.querySelector('keyhold-menu') as HTMLElement;
        if (which === 0) host.remove();
        else if (which === 1) host.style.opacity = '0';
        else if (which === 2) host.hidePopover();
        else if (which === 3) host.setAttribute('class', 'x');
        else host.style.cssText += ';transform: translate(-2000px, 0) !important';
      }, index),
    );
    expect((await readUi(world.fx, page.mainFrame())).present, attack).toBe(false);
    await page.close();
  }
});

test('a page popover (or modal) over the menu that lets clicks through fills nothing', async () => {
  await world.addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const popover = await tamperThenClick((p) =>
    p.evaluate(() => {
      const cover = document.createElement('div');
      cover.setAttribute('popover', 'manual');
      cover.textContent = 'Click to claim your prize';
      cover.style.cssText = 'inset:0;width:100vw;height:100vh;margin:0;background:#fff;pointer-events:none';
      document.body.append(cover);
      cover.showPopover();
    }),
  );
  await popover.close();
  const modal = await tamperThenClick((p) =>
    p.evaluate(() => {
      const dialog = document.createElement('dialog');
      dialog.style.cssText = 'inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;background:#fff;pointer-events:none';
      document.body.append(dialog);
      dialog.showModal();
    }),
  );
  await modal.close();
});

test('a form that sends to another origin is named in the menu and filled only after a confirmation', async () => {
  await world.addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const other = world.sites.httpLocalhost.origin;
  const page = await world.open(world.sites.httpIp.url(`/autofill/foreign-action.html?to=${encodeURIComponent(other)}`));
  await chooseFromMenu(world.fx, page, page.mainFrame(), '#username', ITEM.name);
  expect((await readUi(world.fx, page.mainFrame())).notice).toContain(`sends what you enter to ${new URL(other).host}`);
  expect(await valuesOf(page.mainFrame(), 'password')).toEqual(['']);
  const confirm = await waitForEntry(world.fx, page.mainFrame(), 'anyway');
  await sleep(READ_DELAY_MS);
  await page.mouse.click(confirm.x, confirm.y);
  await poll(() => valuesOf(page.mainFrame(), 'password'), [ITEM.password]);
  await page.close();
});
