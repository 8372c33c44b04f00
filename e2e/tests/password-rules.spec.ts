// A page's own password rules in real Chromium: the generated password the inline menu puts into a
// new-password field obeys the field's `passwordrules` attribute the first time (the content script
// sends the attribute, the background parses it and generates).
import { test, expect } from '@playwright/test';
import { settle, startAutofillWorld, waitForUi, READ_DELAY_MS, type AutofillWorld } from './autofill-support.js';

let world: AutofillWorld;
test.beforeAll(async () => {
  world = await startAutofillWorld();
});
test.afterAll(async () => {
  await world?.close();
});

test("a generated password obeys the new-password field's passwordrules", async () => {
  for (let round = 0; round < 3; round++) {
    const page = await world.context.newPage();
    await page.goto(world.sites.httpIp.url('/autofill/signup-rules.html'));
    await settle(page);
    await page.click('#new-password');
    const ui = await waitForUi(page);
    expect(ui.entries.map((e) => e.title)).toEqual(['Generate a strong password']);
    await page.waitForTimeout(READ_DELAY_MS);
    await page.mouse.click(ui.entries[0]!.x, ui.entries[0]!.y);
    await expect(page.locator('#new-password')).not.toHaveValue('');
    const generated = await page.inputValue('#new-password');
    expect(generated).toMatch(/^[a-z0-9_-]{12}$/);
    expect(generated).toMatch(/[0-9]/);
    expect(generated).toMatch(/[-_]/);
    expect(generated).not.toMatch(/(.)\1/);
    await expect(page.locator('#confirm')).toHaveValue(generated);
    await page.close();
  }
});
