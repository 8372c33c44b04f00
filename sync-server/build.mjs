// `npm run build -w @keyhold/sync-server`: bundles the server into dist/keyhold-server.mjs for hosts
// that would rather not run TypeScript through tsx (`node dist/keyhold-server.mjs start`). Our
// TypeScript (src/, @keyhold/shared) is bundled; npm dependencies stay external, so the native
// modules (better-sqlite3, argon2) load from node_modules as usual.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@keyhold/'));

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/keyhold-server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...external, ...external.map((name) => `${name}/*`)],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'info',
});
