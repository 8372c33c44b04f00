// Autofill in real Firefox, against the e2e test sites: the inline menu in the top frame and in a
// same-origin sub-frame (Firefox has no IntersectionObserver v2, so a sub-frame is vouched for by
// its same-origin embedding chain: ADR 0006, "Frames"), frames that chain cannot vouch for (a
// cross-origin frame, hidden same-site frames), trusted gestures only, https logins kept off http,
// and the save prompt after a typed sign-in.
import { test, expect } from '@playwright/test';
import { ITEM, LOGIN, startAutofillWorld, subFrame, type AutofillWorld } from '../fixtures/autofill-world.js';
import { chooseFromMenu, poll, readUi, settle, valuesOf, waitForEntry, READ_DELAY_MS } from '../fixtures/page-ui.js';
import { sendOk } from '../fixtures/firefox.js';

test.describe.configure({ mode: 'serial' });

let world: AutofillWorld;
let fx: AutofillWorld['fx'];
let sites: AutofillWorld['sites'];
let admin: AutofillWorld['admin'];
test.beforeAll(async () => {
  world = await startAutofillWorld();
  ({ fx, sites, admin } = world);
});
test.afterAll(async () => {
  await world?.close();
});
test.beforeEach(async () => {
  await world.clearItems();
});

const addLogin: AutofillWorld['addLogin'] = (fields) => world.addLogin(fields);
const open: AutofillWorld['open'] = (url) => world.open(url);
const fillFromPopup: AutofillWorld['fillFromPopup'] = (page, id) => world.fillFromPopup(page, id);
const expectNotOffered: AutofillWorld['expectNotOffered'] = (frame, name) => world.expectNotOffered(frame, name);

test("top frame: the inline menu lists the site's login and fills it on a real click", async () => {
  await addLogin({ ...ITEM, password: 'first-pw', url: 'http://127.0.0.1' });
  await addLogin({ name: 'Elsewhere', username: 'nobody', password: 'x', url: 'https://elsewhere.example' });
  const page = await open(sites.httpIp.url(LOGIN));
  await chooseFromMenu(fx, page, page.mainFrame(), '#username', ITEM.name);
  await poll(() => valuesOf(page.mainFrame(), 'username', 'password'), ['octo', 'first-pw']);
  expect((await readUi(fx, page.mainFrame())).present).toBe(false);
  await page.close();
});

test('script clicks and dispatched keys on the menu fill nothing; real keys do', async () => {
  await addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const page = await open(sites.httpIp.url(LOGIN));
  await page.click('#username');
  const entry = await waitForEntry(fx, page.mainFrame(), ITEM.name);
  await new Promise((r) => setTimeout(r, READ_DELAY_MS));
  await page.evaluate(({ x, y }: { x: number; y: number }) => {
    const field = document.getElementById('username')!;
    for (const key of ['ArrowDown', 'Enter'])
      field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    const host = document.querySelector('keyhold-menu') as HTMLElement;
    host.click();
    (document.elementFromPoint(x, y) as HTMLElement | null)?.click();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
    }
  }, entry);
  await new Promise((r) => setTimeout(r, 500));
  expect(await valuesOf(page.mainFrame(), 'username', 'password')).toEqual(['', '']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await poll(() => valuesOf(page.mainFrame(), 'password'), [ITEM.password]);
  await page.close();
});

test('an item saved for https is never offered or filled on the http page of its host', async () => {
  const id = await addLogin({ ...ITEM, url: 'https://127.0.0.1' });
  const page = await open(sites.httpIp.url(LOGIN));
  await page.click('#username');
  await expectNotOffered(page.mainFrame(), ITEM.name);
  expect(await fillFromPopup(page, id)).toBe(false);
  expect(await valuesOf(page.mainFrame(), 'password')).toEqual(['']);
  const secure = await open(sites.httpsIp.url(LOGIN));
  await chooseFromMenu(fx, secure, secure.mainFrame(), '#username', ITEM.name);
  await poll(() => valuesOf(secure.mainFrame(), 'password'), [ITEM.password]);
  await page.close();
  await secure.close();
});

test('a same-origin sub-frame is filled through its menu after a real click, and by the popup', async () => {
  const id = await addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const page = await open(sites.httpIp.url(`/autofill/frame-host.html?src=${encodeURIComponent(LOGIN)}`));
  const inner = subFrame(page, 'login.html');
  await inner.waitForSelector('#username');
  await settle();
  await chooseFromMenu(fx, page, inner, '#username', ITEM.name);
  await poll(() => valuesOf(inner, 'username', 'password'), [ITEM.username, ITEM.password]);
  await inner.evaluate(() => {
    for (const id of ['username', 'password']) (document.getElementById(id) as HTMLInputElement).value = '';
  });
  expect(await fillFromPopup(page, id)).toBe(true);
  await poll(() => valuesOf(inner, 'password'), [ITEM.password]);
  await page.close();
});

// Firefox has no IntersectionObserver v2 to see these: the same-origin embedding chain must
// (check-visibility.ts, alteredByStyle). Each variant hides the frame, or the div around it.
test('a same-origin frame faded, filtered, masked, blended, clipped or shrunk by its page gets no menu and no fill', async () => {
  const id = await addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const variants = [
    'style=opacity:0.05',
    'style=filter:opacity(0.02)',
    'wrap=filter:brightness(0)',
    'wrap=mask-image:linear-gradient(transparent,transparent)',
    'style=mix-blend-mode:screen',
    'style=clip-path:inset(49%)',
    'wrap=transform:scale(0.05);transform-origin:0 0',
    'style=scale:0.05;transform-origin:0 0',
  ];
  for (const variant of variants) {
    const [kind, css] = variant.split(/=(.*)/s) as [string, string];
    const page = await open(sites.httpIp.url(`/autofill/frame-host.html?src=${encodeURIComponent(LOGIN)}&${kind}=${encodeURIComponent(css)}`));
    const inner = subFrame(page, 'login.html');
    await inner.waitForSelector('#username');
    await settle();
    await inner.click('#username').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    expect(
      (await readUi(fx, inner)).entries.filter((e) => e.text.includes(ITEM.name)),
      variant,
    ).toEqual([]);
    expect(await fillFromPopup(page, id), variant).toBe(false);
    expect(await valuesOf(inner, 'username', 'password'), variant).toEqual(['', '']);
    await page.close();
  }
});

test("a cross-origin sub-frame is never offered the top site's logins, nor filled on Firefox", async () => {
  const top = await addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const own = await addLogin({ name: 'Framed site', username: 'framed', password: 'framed-pw', url: sites.httpLocalhost.origin });
  const framed = sites.httpLocalhost.url(LOGIN);
  const page = await open(sites.httpIp.url(`/autofill/frame-host.html?src=${encodeURIComponent(framed)}`));
  const inner = subFrame(page, 'login.html');
  await inner.waitForSelector('#username');
  await settle();
  await inner.click('#username');
  await expectNotOffered(inner, ITEM.name);
  // Firefox cannot see across origins whether the frame is visible (no IntersectionObserver v2):
  // the frame is not vouched for, so neither login goes in, whichever way the fill is asked for.
  await expectNotOffered(inner, 'Framed site');
  expect(await fillFromPopup(page, top)).toBe(false);
  expect(await fillFromPopup(page, own)).toBe(false);
  expect(await valuesOf(inner, 'username', 'password')).toEqual(['', '']);
  await page.close();
});

test('a page sweeping 20 hidden iframes of the same site gets nothing', async () => {
  const id = await addLogin({ ...ITEM, url: 'http://127.0.0.1' });
  const page = await open(sites.httpIp.url(`/autofill/sweep.html?victim=${encodeURIComponent(sites.httpIp.origin)}`));
  await expect.poll(() => page.frames().filter((f) => f.url().includes('login.html')).length).toBe(20);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await fillFromPopup(page, id)).toBe(false);
  await page.click('#decoy');
  await new Promise((r) => setTimeout(r, 500));
  for (const frame of page.frames().filter((f) => f.url().includes('login.html'))) {
    expect(await valuesOf(frame, 'username', 'password')).toEqual(['', '']);
    expect((await readUi(fx, frame)).present).toBe(false);
  }
  await page.close();
});

test('after typing a new login and signing in, "Save login" follows to the next page and saves it', async () => {
  const page = await open(sites.httpIp.url(LOGIN));
  await page.click('#username');
  await page.keyboard.type('grace');
  await page.click('#password');
  await page.keyboard.type('typed-secret-1');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(page.url()).toContain('welcome');
  const save = await waitForEntry(fx, page.mainFrame(), 'Save', 'keyhold-bar');
  expect((await readUi(fx, page.mainFrame(), 'keyhold-bar')).text).toContain('Save login for 127.0.0.1');
  await new Promise((r) => setTimeout(r, READ_DELAY_MS));
  await page.mouse.click(save.x, save.y);
  const saved = async () => {
    const listed = await sendOk<{ rows: { id: string; subtitle: string }[] }>(admin, 'items.list', {
      filter: { kind: 'all' },
      query: '',
      offset: 0,
      limit: 10,
    });
    return listed.rows.map((r) => r.subtitle);
  };
  await poll(saved, ['grace']);
  const row = (await sendOk<{ rows: { id: string }[] }>(admin, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).rows[0]!;
  expect((await sendOk<{ item: { password: string } }>(admin, 'items.get', { id: row.id })).item.password).toBe('typed-secret-1');
  await page.close();
});

test("no script in a web page's frame can read the unlocked session from storage.session", async () => {
  const page = await open(sites.httpIp.url(LOGIN));
  const seen = await admin.evaluate(async (url: string) => {
    type Api = {
      tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
      scripting: { executeScript(o: object): Promise<{ result?: unknown }[]> };
      storage: { session: { get(k: string): Promise<Record<string, unknown>>; setAccessLevel?: unknown } };
    };
    const b = (globalThis as unknown as { browser: Api }).browser;
    const tabId = (await b.tabs.query({})).find((t) => t.url === url)?.id;
    // The extension's own content-script world in that page: the most a page-side script of ours could reach.
    const [injected] = await b.scripting.executeScript({
      target: { tabId },
      func: async () => {
        const api = (globalThis as unknown as { browser?: { storage?: { session?: { get(k: string): Promise<Record<string, unknown>> } } } }).browser;
        if (!api?.storage) return 'no storage API at all';
        if (!api.storage.session) return 'no storage.session here';
        try {
          return Object.keys(await api.storage.session.get('unlocked')).length > 0 ? 'READ THE SESSION' : 'empty';
        } catch (error) {
          return `refused: ${String(error)}`;
        }
      },
    });
    const own = Object.keys(await b.storage.session.get('unlocked')).length > 0;
    return { fromPage: injected?.result, fromExtension: own, setAccessLevel: typeof b.storage.session.setAccessLevel };
  }, page.url());
  // The extension page sees the session (so the check below is not vacuous); the page's frame does not.
  expect(seen.fromExtension).toBe(true);
  expect(seen.fromPage).not.toBe('READ THE SESSION');
  expect(seen.fromPage).not.toBe('no storage API at all');
  console.log(`[firefox] storage.session from a content script: ${String(seen.fromPage)}; setAccessLevel: ${seen.setAccessLevel}`);
  await page.close();
});

test("sites cannot frame or fetch the extension's pages, even knowing its moz-extension:// address", async () => {
  const page = await open(sites.httpIp.url(`/autofill/frame-extension.html?base=${encodeURIComponent(fx.origin)}`));
  await expect.poll(() => page.evaluate(() => Object.keys((window as unknown as { results: object }).results).length)).toBe(4);
  const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
  expect(Object.values(results)).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
  for (const frame of page.frames().slice(1)) {
    const shown = await frame.evaluate(() => location.href).catch(() => 'unreachable');
    expect(shown).not.toMatch(/^moz-extension:\/\//);
  }
  await page.close();
});
