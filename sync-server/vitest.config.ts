import { configDefaults, defineConfig } from 'vitest/config';

// Two tiers (scripts/test.mjs runs them as `npm run test:unit` and `npm run test:integration`):
// - unit: the router, config and limits against an in-process app (test/helpers/test-app.ts);
// - integration: suites that spawn the server process (test/helpers/spawn-server.ts) and talk to it
//   over a loopback port, or run the CLI.
// A new suite that spawns a process or listens on a port belongs in INTEGRATION. Each file is in
// exactly one project, so a plain `vitest run` runs every test once.
const INTEGRATION = ['test/cli/**/*.test.ts', 'test/http/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...INTEGRATION] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
