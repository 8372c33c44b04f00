// The inline menu in a small iframe (the default 300×150), in real Chromium: it is drawn inside the
// frame's visible area, where it can be clicked, and the chosen login fills.
import { test, expect } from '@playwright/test';
import { readUi, settle, startAutofillWorld, waitForEntry, READ_DELAY_MS, type AutofillWorld } from './autofill-support.js';

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld();
});
test.afterAll(async () => {
  await world?.close();
});

test('in a 300×150 iframe the menu stays inside the frame and fills on a click', async () => {
  await world.clearItems();
  await world.addLogin({ name: 'First login', username: 'first', password: 'first-pw', urls: [{ url: 'http://127.0.0.1' }] });
  await world.addLogin({ name: 'Second login', username: 'second', password: 'second-pw', urls: [{ url: 'http://127.0.0.1' }] });
  const src = encodeURIComponent('/autofill/login.html');
  const page = await world.context.newPage();
  await page.goto(world.sites.httpIp.url(`/autofill/frame-host.html?src=${src}&style=${encodeURIComponent('width:300px;height:150px')}`));
  const frame = page.frameLocator('#embedded');
  await frame.locator('#username').waitFor();
  const inner = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('login.html'))!;
  await settle(page);
  await inner.click('#username');
  const entry = await waitForEntry(inner, 'Second login');
  const box = (await page.locator('#embedded').boundingBox())!;
  for (const e of (await readUi(inner)).entries) {
    expect(e.x, e.title).toBeGreaterThanOrEqual(box.x);
    expect(e.x, e.title).toBeLessThanOrEqual(box.x + box.width);
    expect(e.y, e.title).toBeGreaterThanOrEqual(box.y);
    expect(e.y, e.title).toBeLessThanOrEqual(box.y + box.height);
  }
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(entry.x, entry.y);
  await expect(frame.locator('#username')).toHaveValue('second');
  await page.close();
});
