// The autofill security rules (docs/architecture.md, "Autofill rules"), each against an attack page
// from the test sites in real Chromium. 127.0.0.1 and localhost on different ports are different
// sites; "the popup's fill" stands in for the keyboard shortcut and the context menu, which take
// the same path (a background-issued one-use token) and which headless Chromium cannot press.
import { test, expect, type Page, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../fixtures/paths.js';
import {
  chooseFromMenu,
  fillFromPopup,
  readUi,
  settle,
  startAutofillWorld,
  waitForEntry,
  READ_DELAY_MS,
  type AutofillWorld,
} from './autofill-support.js';

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

const LOGIN = '/autofill/login.html';
const ITEM = { name: 'Test site', username: 'octo', password: 'hunter2-saved' };

async function open(path: string): Promise<Page> {
  const page = await world.context.newPage();
  await page.goto(path);
  await settle(page);
  return page;
}

/** The menu stays closed (focus opens it only when there is something to choose). */
async function expectNoMenu(target: Page | import('@playwright/test').Frame): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000));
  const ui = await readUi(target);
  expect(ui.entries.filter((e) => e.title === ITEM.name)).toEqual([]);
}

test('an item saved for https is never filled into an http page', async () => {
  const id = await world.addLogin({ ...ITEM, urls: [{ url: 'https://127.0.0.1' }] });
  const page = await open(world.sites.httpIp.url(LOGIN));
  await page.click('#username');
  await expectNoMenu(page);
  expect(await fillFromPopup(world, page, id)).toBe(false);
  await expect(page.locator('#password')).toHaveValue('');
  // The same item is offered on the https page of that host.
  const secure = await open(world.sites.httpsIp.url(LOGIN));
  await chooseFromMenu(secure, secure, '#username', ITEM.name);
  await expect(secure.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
  await secure.close();
});

test('no fill without a trusted gesture: script clicks, dispatched keys and events are ignored', async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const page = await open(world.sites.httpIp.url(LOGIN));
  await expect(page.locator('#password')).toHaveValue('');
  await page.click('#username');
  const entry = await waitForEntry(page, ITEM.name);
  await page.waitForTimeout(READ_DELAY_MS);
  await page.evaluate(({ x, y }) => {
    const field = document.getElementById('username')!;
    for (const key of ['ArrowDown', 'Enter']) {
      field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    }
    const host = document.querySelector('keyhold-menu') as HTMLElement;
    host.click();
    (document.elementFromPoint(x, y) as HTMLElement | null)?.click();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
    }
  }, entry);
  await page.waitForTimeout(500);
  await expect(page.locator('#username')).toHaveValue('');
  await expect(page.locator('#password')).toHaveValue('');
  // The same menu answers a real key press.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
});

test('a same-origin iframe fills after a real click', async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const page = await open(world.sites.httpIp.url(`/autofill/frame-host.html?src=${encodeURIComponent(LOGIN)}`));
  const frame = page.frameLocator('#embedded');
  await frame.locator('#username').waitFor();
  const inner = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('login.html'))!;
  await settle(page);
  await chooseFromMenu(page, inner, '#username', ITEM.name);
  await expect(frame.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
});

test("a cross-origin iframe is never offered the top site's logins, and its own only after a confirmation", async () => {
  const top = await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const framed = world.sites.httpLocalhost.url(LOGIN);
  const page = await open(world.sites.httpIp.url(`/autofill/frame-host.html?src=${encodeURIComponent(framed)}`));
  const inner = page.frames().find((f) => f.url() === framed)!;
  await inner.locator('#username').waitFor();
  await settle(page);
  await inner.click('#username');
  await expectNoMenu(inner);
  expect(await fillFromPopup(world, page, top)).toBe(false);
  await expect(inner.locator('#password')).toHaveValue('');

  await world.addLogin({ name: 'Framed site', username: 'framed', password: 'framed-pw', urls: [{ url: world.sites.httpLocalhost.origin }] });
  await page.click('h1');
  await chooseFromMenu(page, inner, '#username', 'Framed site');
  const ui = await readUi(inner);
  expect(ui.notice).toContain(new URL(world.sites.httpLocalhost.origin).host);
  expect(ui.notice).toContain(new URL(world.sites.httpIp.origin).host);
  await expect(inner.locator('#password')).toHaveValue('');
  const confirm = await waitForEntry(inner, 'anyway');
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(confirm.x, confirm.y);
  await expect(inner.locator('#password')).toHaveValue('framed-pw');
  await page.close();
});

test('a sandboxed iframe is never filled, even with a matching login', async () => {
  const id = await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const page = await open(
    world.sites.httpIp.url(`/autofill/frame-host.html?sandbox=${encodeURIComponent('allow-scripts allow-forms')}&src=${encodeURIComponent(LOGIN)}`),
  );
  const inner = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('login.html'))!;
  await inner.locator('#username').waitFor();
  await settle(page);
  await inner.click('#username');
  await expectNoMenu(inner);
  expect(await fillFromPopup(world, page, id)).toBe(false);
  await expect(inner.locator('#password')).toHaveValue('');
  await page.close();
});

test('a page sweeping 20 hidden iframes of the same site gets nothing', async () => {
  const id = await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const page = await open(world.sites.httpIp.url(`/autofill/sweep.html?victim=${encodeURIComponent(world.sites.httpIp.origin)}`));
  await expect.poll(() => page.frames().filter((f) => f !== page.mainFrame() && f.url().includes('login.html')).length).toBe(20);
  await page.waitForTimeout(1500);
  expect(await fillFromPopup(world, page, id)).toBe(false);
  await page.click('#decoy', { force: true });
  await page.waitForTimeout(500);
  for (const frame of page.frames().filter((f) => f !== page.mainFrame() && f.url().includes('login.html'))) {
    expect(
      await frame.evaluate(() => [
        (document.getElementById('username') as HTMLInputElement).value,
        (document.getElementById('password') as HTMLInputElement).value,
      ]),
    ).toEqual(['', '']);
    expect((await readUi(frame)).present).toBe(false);
  }
  await page.close();
});

test('invisible fields are never filled', async () => {
  const id = await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  for (const variant of ['display-none', 'visibility-hidden', 'one-pixel', 'off-screen', 'opacity-field', 'opacity-ancestor', 'covered']) {
    // Through the menu where the detector still sees a login form (a hidden password field can make
    // it a one-field form), and through the popup's fill (the shortcut's path) in every case.
    const page = await open(world.sites.httpIp.url(`/autofill/invisible.html?variant=${variant}`));
    await page.click('#username');
    const entry = await waitForEntry(page, ITEM.name, 'keyhold-menu', 2000).catch(() => null);
    if (entry !== null) {
      await page.waitForTimeout(READ_DELAY_MS);
      await page.mouse.click(entry.x, entry.y);
      await expect(page.locator('#username'), variant).toHaveValue(ITEM.username);
    }
    await fillFromPopup(world, page, id);
    await page.waitForTimeout(300);
    expect(await page.inputValue('#password'), variant).toBe('');
    await page.close();
  }
  // The same page with the field left visible: filled, both ways.
  const page = await open(world.sites.httpIp.url('/autofill/invisible.html?variant=none'));
  await chooseFromMenu(page, page, '#username', ITEM.name);
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.fill('#password', '');
  expect(await fillFromPopup(world, page, id)).toBe(true);
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
});

/** Opens the menu, lets the page do something to it, then clicks where the entry was. Nothing may be filled. */
async function tamperThenClick(tamper: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await open(world.sites.httpIp.url(LOGIN));
  await page.click('#username');
  const entry = await waitForEntry(page, ITEM.name);
  await page.waitForTimeout(READ_DELAY_MS);
  await tamper(page);
  await page.waitForTimeout(50);
  await page.mouse.click(entry.x, entry.y);
  await page.waitForTimeout(400);
  expect(await page.inputValue('#password')).toBe('');
  expect(await page.inputValue('#username')).toBe('');
  return page;
}

test('lowering the opacity of html or body after the menu opened fills nothing', async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  await (await tamperThenClick((p) => p.evaluate(() => (document.body.style.opacity = '0.05')))).close();
  const viaSheet = await tamperThenClick((p) =>
    p.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'html { opacity: 0.05 }';
      document.head.append(style);
    }),
  );
  expect((await readUi(viaSheet)).present).toBe(false);
  await viaSheet.close();
});

test('the page removing, hiding or restyling our menu closes it and fills nothing', async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const attacks: ((host: HTMLElement) => void)[] = [
    (host) => host.remove(),
    (host) => (host.style.opacity = '0'),
    (host) => host.hidePopover(),
    (host) => host.setAttribute('class', 'x'),
    (host) => (host.style.cssText += ';transform: translate(-2000px, 0) !important'),
  ];
  for (const [index, attack] of attacks.entries()) {
    const page = await tamperThenClick((p) =>
      p.evaluate(
        ([source]) => {
          const host = document.querySelector('keyhold-menu') as HTMLElement;
          (0, eval)(`(${source})`)(host);
        },
        [attack.toString()] as const,
      ),
    );
    expect((await readUi(page)).present, `attack ${index}`).toBe(false);
    await page.close();
  }
});

test('a page popover (or modal) over the menu that lets clicks through fills nothing', async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
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
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const page = await open(world.sites.httpIp.url(`/autofill/foreign-action.html?to=${encodeURIComponent(world.sites.httpLocalhost.origin)}`));
  await chooseFromMenu(page, page, '#username', ITEM.name);
  expect((await readUi(page)).notice).toContain(`sends what you enter to ${new URL(world.sites.httpLocalhost.origin).host}`);
  await expect(page.locator('#password')).toHaveValue('');
  const confirm = await waitForEntry(page, 'anyway');
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(confirm.x, confirm.y);
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
});

test('a form action rewritten to another origin after the fill does not get the password', async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const other = world.sites.httpLocalhost.origin;
  const sent: Request[] = [];
  const watch = (page: Page) => page.on('request', (r) => r.url().startsWith(other) && sent.push(r));

  const page = await open(world.sites.httpIp.url(`/autofill/foreign-action.html?later=${encodeURIComponent(other)}`));
  watch(page);
  await chooseFromMenu(page, page, '#username', ITEM.name);
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.waitForTimeout(200);
  await page.click('#submit');
  await waitForEntry(page, 'OK', 'keyhold-bar');
  expect((await readUi(page, 'keyhold-bar')).text).toContain(new URL(other).host);
  expect(await page.inputValue('#password')).toBe('');
  expect(sent).toEqual([]);

  // form.submit() fires no submit event; the filled password is taken out of the form data.
  const scripted = await open(world.sites.httpIp.url(`/autofill/foreign-action.html?later=${encodeURIComponent(other)}`));
  watch(scripted);
  await chooseFromMenu(scripted, scripted, '#username', ITEM.name);
  await expect(scripted.locator('#password')).toHaveValue(ITEM.password);
  await scripted.waitForTimeout(200);
  await scripted.evaluate(() => HTMLFormElement.prototype.submit.call(document.getElementById('form')));
  await expect.poll(() => sent.length).toBe(1);
  expect(sent[0]!.postData() ?? '').not.toContain(ITEM.password);
  await page.close();
  await scripted.close();
});

test("look-alike URLs are never offered the real site's logins", async () => {
  await world.addLogin({ ...ITEM, urls: [{ url: 'https://victim.test' }] });
  const html = readFileSync(join(repoRoot, 'e2e', 'pages', 'autofill', 'login.html'), 'utf8');
  const page = await world.context.newPage();
  await page.route(/^https:\/\/[^/]*(victim|xn--)[^/]*\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  for (const lookAlike of [
    'https://victim.test.evil.test/login',
    'https://victim-test.evil.test/login',
    'https://xn--vctim-8ve.test/login',
    'https://evil-victim.test/login',
  ]) {
    await page.goto(lookAlike);
    await settle(page);
    await page.click('#username');
    await expectNoMenu(page);
    expect(await page.inputValue('#password'), lookAlike).toBe('');
  }
  // The real site is offered it (the control).
  await page.goto('https://victim.test/login');
  await settle(page);
  await chooseFromMenu(page, page, '#username', ITEM.name);
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
});

test('one-time-code and new-password fields never get a saved password', async () => {
  const id = await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const otp = await open(world.sites.httpIp.url('/autofill/login-otp.html'));
  await chooseFromMenu(otp, otp, '#username', ITEM.name);
  await expect(otp.locator('#password')).toHaveValue(ITEM.password);
  expect(await otp.inputValue('#otp')).toBe('');
  await otp.close();

  const signup = await open(world.sites.httpIp.url('/autofill/signup.html'));
  await chooseFromMenu(signup, signup, '#username', ITEM.name);
  await expect(signup.locator('#username')).toHaveValue(ITEM.username);
  expect(await fillFromPopup(world, signup, id)).toBe(true);
  await signup.waitForTimeout(300);
  expect([await signup.inputValue('#new-password'), await signup.inputValue('#confirm')]).toEqual(['', '']);
  await signup.close();
});

test('page messages imitating ours are ignored', async () => {
  const id = await world.addLogin({ ...ITEM, urls: [{ url: 'http://127.0.0.1' }] });
  const page = await open(world.sites.httpIp.url(LOGIN));
  await page.click('#username');
  await waitForEntry(page, ITEM.name);
  await page.evaluate(
    ({ itemId, extensionId }) => {
      const forged = [
        { type: 'keyhold:fill', token: 'forged', itemId, target: 'focused' },
        {
          type: 'autofill.fill',
          request: { itemId, gesture: { kind: 'menu' }, want: { username: true, password: true, totp: false }, confirmed: true },
        },
        { type: 'keyhold:prompt', prompt: { id: 'x', kind: 'save', host: 'evil', username: 'u', itemName: null } },
        { type: `${extensionId}:content:wxt:content-script-started`, contentScriptName: 'content', messageId: 'x' },
        { type: `${extensionId}:autofill-engine:wxt:content-script-started`, contentScriptName: 'autofill-engine', messageId: 'x' },
      ];
      for (const message of forged) {
        window.postMessage(message, '*');
        document.dispatchEvent(new CustomEvent(String(message.type), { detail: message }));
      }
    },
    { itemId: id, extensionId: world.extensionId },
  );
  await page.waitForTimeout(800);
  await expect(page.locator('#password')).toHaveValue('');
  expect((await readUi(page, 'keyhold-bar')).present).toBe(false);
  // Still alive and answering the user.
  await page.click('h1');
  await chooseFromMenu(page, page, '#username', ITEM.name);
  await expect(page.locator('#password')).toHaveValue(ITEM.password);
  await page.close();
});

test("sites cannot frame or fetch the extension's pages", async () => {
  const page = await open(world.sites.httpIp.url(`/autofill/frame-extension.html?id=${world.extensionId}`));
  await expect.poll(() => page.evaluate(() => Object.keys((window as unknown as { results: object }).results).length)).toBe(4);
  const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
  expect(Object.values(results)).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
  for (const frame of page.frames().slice(1)) {
    expect(frame.url()).not.toMatch(/^chrome-extension:\/\//);
  }
  await page.close();
});
