import { defineConfig } from '@playwright/test';

// The Firefox e2e suite: Playwright Test runs it (fixtures, expect, the JSON report `npm test` counts);
// the browser is Firefox ESR driven over WebDriver BiDi by puppeteer-core (fixtures/firefox.ts).
// One worker: each test file starts its own Firefox, and the machine has 2 cores.
export default defineConfig({
  testDir: './tests',
  globalSetup: './fixtures/build-extension.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: '../.cache/firefox-test-results',
  reporter: [['list'], ['json', { outputFile: '../.cache/firefox-results.json' }]],
});
