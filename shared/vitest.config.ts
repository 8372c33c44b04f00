import { defineConfig } from 'vitest/config';

// Pure TypeScript: every suite is a unit test (`npm run test:unit`; scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [{ extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'] } }],
  },
});
