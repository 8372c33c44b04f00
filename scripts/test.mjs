#!/usr/bin/env node
// `npm test`: every check the project has, in one command, from a clean clone.
//   1. type-check every workspace          3. build the extension (Chrome MV3 + Firefox, zips)
//   2. unit tests of every workspace        4. web-ext lint of the Firefox build   5. e2e in real Chromium
// Steps that do not depend on each other all run, so one failure does not hide another; the
// exit code is non-zero if anything failed. The last line is the total: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'e2e', '.cache');
mkdirSync(cache, { recursive: true });
const env = { ...process.env, PWTEST_CACHE_DIR: join(cache, 'pw'), FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };

const totals = { passed: 0, failed: 0 };
const failures = [];

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(label);
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
}

const workspaces = ['shared', 'extension', 'sync-server', 'e2e'];

// The extension's types come from `wxt prepare` (also run on install); make sure they exist.
run('wxt prepare', 'npx', ['wxt', 'prepare'], { cwd: join(root, 'extension') });
for (const ws of workspaces) run(`typecheck ${ws}`, 'npx', ['tsc', '--noEmit', '-p', ws]);

for (const ws of ['shared', 'extension', 'sync-server']) {
  const out = join(cache, `vitest-${ws}.json`);
  rmSync(out, { force: true });
  run(`unit tests ${ws}`, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: join(root, ws),
  });
  countVitest(out);
}

const built = run('build extension (chrome-mv3, firefox-mv2, zips)', 'npm', ['run', 'build', '-w', '@keyhold/extension']);
if (built) {
  run('web-ext lint (firefox build)', 'npm', ['run', 'lint:firefox', '-w', '@keyhold/extension']);
  const out = join(cache, 'results.json');
  rmSync(out, { force: true });
  run('e2e (real Chromium)', 'npx', ['playwright', 'test'], { cwd: join(root, 'e2e') });
  countPlaywright(out);
} else {
  failures.push('e2e (not run: the build failed)');
}

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join('; ')}`);
if (failures.length > 0 && totals.failed === 0) totals.failed = failures.length;
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
