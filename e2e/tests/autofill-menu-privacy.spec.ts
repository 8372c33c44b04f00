// A hostile page probing the inline menu (#11, part 1). The audit read a saved username character by
// character with a scripted focus() and window.find(), with no click at all, and told from the
// menu's size how many logins matched and whether the vault was locked. Here a page script (Playwright's
// evaluate runs in the page's own world) does all of that — focus(), window.find(), a selection over
// the whole document, getBoundingClientRect() of every element, elementsFromPoint() over a grid — in
// four vault states: locked, no login for the site, one, and five. It must read no name or username,
// and every state must look the same to it: before a real click (only our icon shows) and after one
// (the menu is open).
import { test, expect, type Page } from '@playwright/test';
import { sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { readUi, settle, startAutofillWorld, waitForIconIn, waitForUi, type AutofillWorld } from './autofill-support.js';

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld();
});
test.afterAll(async () => {
  await world?.close();
});

const USERS = ['probe-user-1', 'probe-user-2', 'probe-user-3', 'probe-user-4', 'probe-user-5'];
const NAMES = ['Probe Bank 1', 'Probe Bank 2', 'Probe Bank 3', 'Probe Bank 4', 'Probe Bank 5'];
/** What a page would search for: account data, and the words that tell the vault's state. */
const NEEDLES = [...USERS, ...NAMES, 'probe-user', 'Probe Bank', 'Unlock', 'locked', 'No logins', 'Add a login', 'Keyhold'];

type Probe = { menuHosts: number; rects: string; grid: string; found: string[]; selected: string[] };

/** What the page's own script can learn about our UI: geometry and hit-testing first, then text search and selection. */
async function probe(page: Page): Promise<Probe> {
  return page.evaluate((needles) => {
    const ours = Array.from(document.documentElement.children).filter((e) => e.localName.startsWith('keyhold-'));
    const rects = ours.map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.localName}:${r.x},${r.y},${r.width},${r.height}`;
    });
    const grid: string[] = [];
    for (let x = 0; x < innerWidth; x += 12) {
      for (let y = 0; y < innerHeight; y += 12)
        grid.push(
          document
            .elementsFromPoint(x, y)
            .map((e) => e.localName)
            .join('>'),
        );
    }
    const find = window as unknown as { find(text: string, caseSensitive?: boolean, backwards?: boolean, wrap?: boolean): boolean };
    const found = needles.filter((needle) => find.find(needle, false, false, true));
    return { menuHosts: document.querySelectorAll('keyhold-menu').length, rects: rects.join('|'), grid: grid.join('|'), found, selected: [] };
  }, NEEDLES);
}

/** A selection over the whole document, as a page could make one (after `probe`: it may move the focus). */
async function selectionLeaks(page: Page): Promise<string[]> {
  return page.evaluate((needles) => {
    const selection = getSelection()!;
    selection.selectAllChildren(document.documentElement);
    const text = selection.toString();
    selection.removeAllRanges();
    return needles.filter((needle) => text.includes(needle));
  }, NEEDLES);
}

async function setVault(state: 'locked' | 0 | 1 | 5): Promise<void> {
  await sendOk(world.admin, 'vault.unlock', { password: MASTER_PASSWORD }).catch(() => undefined);
  await world.clearItems();
  const count = state === 'locked' ? 1 : state;
  for (let i = 0; i < count; i++) await world.addLogin({ name: NAMES[i], username: USERS[i], urls: [{ url: 'http://127.0.0.1' }] });
  if (state === 'locked') await sendOk(world.admin, 'vault.lock');
}

async function openLoginPage(): Promise<Page> {
  const page = await world.context.newPage();
  await page.setViewportSize({ width: 900, height: 640 });
  await page.goto(world.sites.httpIp.url('/autofill/login.html'));
  await settle(page);
  return page;
}

test("a page's script learns nothing from the menu: no names, no count, not even whether the vault is locked", async () => {
  test.setTimeout(120_000);
  const before: Record<string, Probe> = {};
  const after: Record<string, Probe> = {};
  try {
    for (const state of ['locked', 0, 1, 5] as const) {
      await setVault(state);
      const page = await openLoginPage();

      // 1. A scripted focus: our icon, and nothing else.
      await page.evaluate(() => (document.querySelector('#username') as HTMLInputElement).focus());
      await waitForIconIn(page, '#username');
      await page.waitForTimeout(600);
      before[String(state)] = await probe(page);
      expect(before[String(state)]!.menuHosts, `state ${state}: a scripted focus opened the menu`).toBe(0);

      // 2. The user's real click: the menu opens — and still tells the page nothing.
      await page.click('#username');
      const ui = await waitForUi(page);
      await expect.poll(async () => (await readUi(page)).entries.length).toBeGreaterThan(0);
      if (typeof state === 'number' && state > 0) expect((await readUi(page)).text).toContain(USERS[0]);
      after[String(state)] = await probe(page);
      // The probe ran against the open menu (window.find may not have closed it).
      expect((await readUi(page)).present, `state ${state}: the menu closed during the probe`).toBe(true);
      expect(after[String(state)]!.found, `state ${state}: window.find read the menu (menu: ${ui.text})`).toEqual([]);
      expect(await selectionLeaks(page), `state ${state}: a selection read the menu`).toEqual([]);
      await page.close();
    }
  } finally {
    await sendOk(world.admin, 'vault.unlock', { password: MASTER_PASSWORD }).catch(() => undefined);
  }

  // The same page looks the same in every state, before and after the click.
  for (const state of ['0', '1', '5']) {
    expect(before[state], `before the click: locked vs ${state} logins`).toEqual(before.locked);
    expect(after[state]!.rects, `menu box: locked vs ${state} logins`).toBe(after.locked!.rects);
    expect(after[state]!.grid === after.locked!.grid, `elementsFromPoint: locked vs ${state} logins`).toBe(true);
  }
  expect(after.locked!.menuHosts).toBe(1);
});

test('the probe works: window.find reads text in a closed shadow root, which is why the menu paints its words', async () => {
  const page = await openLoginPage();
  const found = await page.evaluate(() => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'closed' }).innerHTML = '<p>closed-shadow-control-text</p>';
    document.body.append(host);
    return (window as unknown as { find(text: string): boolean }).find('closed-shadow-control-text');
  });
  expect(found).toBe(true);
  await page.close();
});
