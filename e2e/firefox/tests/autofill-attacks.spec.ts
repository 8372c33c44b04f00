// Part of #11 part 8 in real Firefox: a form that swaps nodes around a fill (e2e/tests/autofill-
// attacks.spec.ts has all four attacks in Chromium). The other three lean on what Firefox lacks or
// the harness cannot drive cheaply: a cross-origin frame never gets our UI on Firefox at all (no
// IntersectionObserver v2, so its visibility cannot be vouched for), its certificate errors read
// differently, and the mouse-following page wants pixel-exact pointer paths.
import { test, expect } from '@playwright/test';
import { ITEM, startAutofillWorld, type AutofillWorld } from '../fixtures/autofill-world.js';
import { chooseFromMenu, poll, valuesOf } from '../fixtures/page-ui.js';

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

for (const variant of ['move-during-fill', 'move-after-fill', 'copy-after-fill'] as const) {
  test(`a form that swaps nodes around the fill (${variant}): the password goes only where the user chose`, async () => {
    await world.addLogin({ ...ITEM, url: 'http://127.0.0.1' });
    const other = world.sites.httpLocalhost.origin;
    const page = await world.open(world.sites.httpIp.url(`/autofill/swap.html?variant=${variant}&to=${encodeURIComponent(other)}`));
    await chooseFromMenu(world.fx, page, page.mainFrame(), '#username', ITEM.name);
    await poll(() => valuesOf(page.mainFrame(), 'username'), [ITEM.username]);
    // The page's submission of #elsewhere went out (or was stopped) by now.
    await new Promise((r) => setTimeout(r, 1200));
    const sent = await page.evaluate(() => (window as unknown as { sent: string[] }).sent);
    expect(sent.filter((entries) => entries.includes(ITEM.password))).toEqual([]);
    const left = await page.evaluate(() =>
      Array.from((document.getElementById('elsewhere') as HTMLFormElement).elements, (e) => (e as HTMLInputElement).value),
    );
    expect(left).not.toContain(ITEM.password);
    await page.close();
  });
}
