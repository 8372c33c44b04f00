import { defineConfig } from '@playwright/test';

// Extensions need a persistent context each; on a 2-core machine one worker is the steady choice.
export default defineConfig({
  testDir: './tests',
  globalSetup: './fixtures/build-extension.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './.cache/test-results',
  reporter: [['list'], ['json', { outputFile: './.cache/results.json' }]],
});
