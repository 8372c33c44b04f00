// The in-page UI under axe (#16, part 4): the inline menu in each of its states and the save bar, in
// light and dark. In the extension they live in closed shadow roots, which axe cannot enter, so this
// test renders the REAL modules in a test page (e2e/fixtures/in-page-ui-entry.ts, bundled here with
// esbuild) with shadow roots opened for the occasion. The menu paints its words into canvases (it
// must not give a page text to search): axe then checks their names, roles and the structure around
// them; the colours are the same CSS as the save bar's, whose text contrast it does check.
import AxeBuilder from '@axe-core/playwright';
import { build } from 'esbuild';
import { chromium, test, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS } from '../fixtures/extension.js';
import { findChromium } from '../fixtures/find-chromium.js';
import { startTestSites, type TestSites } from '../fixtures/test-sites.js';

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

const entry = join(fileURLToPath(import.meta.url), '..', '..', 'fixtures', 'in-page-ui-entry.ts');
let bundle = '';
let sites: TestSites;
test.beforeAll(async () => {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', target: 'chrome120', logLevel: 'silent' });
  bundle = result.outputFiles[0]!.text;
  sites = await startTestSites();
});
test.afterAll(async () => {
  await sites?.close();
});

/** axe on our UI only (the test page's own landmarks are not ours to judge). */
async function violations(page: Page, tag: 'keyhold-menu' | 'keyhold-bar'): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(tag).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return (result.violations as Violation[]).map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the inline menu in every state and the save bar have no axe violations (${scheme})`, async () => {
    // A plain browser (no extension needed: the modules are on the page), so our own UI is the only one.
    const browser = await chromium.launch({ headless: true, executablePath: findChromium(), args: [...CHROMIUM_FLAGS] });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(sites.httpIp.url('/autofill/login.html'));
      await page.addScriptTag({ content: bundle });
      const found: Record<string, string[]> = {};
      const cases = await page.evaluate(() => window.keyholdUi.cases);
      for (const name of cases) {
        await page.evaluate((n) => window.keyholdUi.openMenu(n, document.querySelector<HTMLInputElement>('#username')!), name);
        await expect.poll(() => page.evaluate(() => document.querySelector('keyhold-menu')?.shadowRoot?.querySelector('.menu') !== null)).toBe(true);
        const list = await violations(page, 'keyhold-menu');
        if (list.length) found[`menu: ${name}`] = list;
        await page.evaluate(() => window.keyholdUi.closeAll());
      }
      for (const name of await page.evaluate(() => window.keyholdUi.prompts)) {
        await page.evaluate((n) => window.keyholdUi.showBar(n), name);
        const list = await violations(page, 'keyhold-bar');
        if (list.length) found[`save bar: ${name}`] = list;
        await page.evaluate(() => window.keyholdUi.closeAll());
      }
      await page.evaluate(() => window.keyholdUi.warn());
      const warning = await violations(page, 'keyhold-bar');
      if (warning.length) found['save bar: warning'] = warning;
      expect(found).toEqual({});
    } finally {
      await browser.close();
    }
  });
}
