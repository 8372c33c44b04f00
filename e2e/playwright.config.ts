import { defineConfig } from '@playwright/test';

// Tests that spend most of their time waiting on the wall clock (an auto-lock after a minute without
// activity, a clipboard cleared after 10 s), tagged WALL_CLOCK, run in a lane of their own beside the
// rest.
const WALL_CLOCK = /@wall-clock/;

// Extensions need a persistent context each; on a 2-core machine one busy browser at a time is the
// steady choice: one worker for the suite, and one for the wall-clock lane, whose browser is idle.
export default defineConfig({
  testDir: './tests',
  globalSetup: './fixtures/build-extension.ts',
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'chromium', grepInvert: WALL_CLOCK, workers: 1 },
    { name: 'chromium (wall clock)', grep: WALL_CLOCK, workers: 1 },
  ],
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './.cache/test-results',
  reporter: [['list'], ['json', { outputFile: './.cache/results.json' }]],
});
