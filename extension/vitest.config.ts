import { configDefaults, defineConfig } from 'vitest/config';

// Two tiers (scripts/test.mjs runs them as `npm run test:unit` and `npm run test:integration`):
// - unit: pure and fast, in this process only;
// - integration: suites that start another process — the real sync server
//   (test/sync/helpers/real-server.ts) or a CLI.
// A new suite that spawns a server, a CLI or a browser belongs in INTEGRATION. Each file is in exactly
// one project, so a plain `vitest run` runs every test once.
const INTEGRATION = [
  'test/sync/sync-flow.test.ts',
  'test/sync/untrusted-server.test.ts',
  'test/sync/password-change.test.ts',
  'test/sync/held-release.test.ts',
  'test/sync/derived-salt.test.ts',
  'test/sync/manifest-race.test.ts',
  'test/sync/push-pipeline.test.ts',
  'test/sync/lock-races.test.ts',
  'test/sync/queued-all.test.ts',
  'test/autofill/detect/classify-cli.test.ts',
  // Listens on a loopback port: a local Pwned Passwords range server.
  'test/health/health-service.test.ts',
];

export default defineConfig({
  test: {
    // Messages in English where the browser's i18n API is missing (docs/architecture.md, "Strings and locales").
    setupFiles: ['test/setup-i18n.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, ...INTEGRATION] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
