#!/usr/bin/env node
// `npm test`: every check the project has, in one command, from a clean clone, in tiers:
//   lint         ESLint (type-aware, eslint.config.js) and `prettier --check`
//   typecheck    tsc --noEmit in every workspace
//   unit         the pure, fast vitest suites (project "unit" of each workspace's vitest.config.ts);
//                the sync server's on SQLite and again on a temporary PostgreSQL
//   integration  vitest suites that spawn the sync server or a CLI (project "integration")
//   e2e          build the extension (Chrome MV3 + Firefox MV3, zips), web-ext lint, Playwright in real Chromium,
//                then the Firefox suite (e2e/firefox: real Firefox ESR over WebDriver BiDi)
// `node scripts/test.mjs TIER…` runs some tiers (npm run lint / test:unit / test:integration / test:e2e).
// Steps that do not depend on each other all run, so one failure does not hide another (ESLint beside
// the type checks and Prettier, each on a core of its own); the exit code is non-zero if anything
// failed. The last line is the total: "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'e2e', '.cache');
mkdirSync(cache, { recursive: true });
const env = { ...process.env, PWTEST_CACHE_DIR: join(cache, 'pw'), FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };

const totals = { passed: 0, failed: 0 };
const failures = [];
/** Each failed test, "file › name: first line of its error", repeated at the very end of the log. */
const failedTests = [];
const firstLine = (text) =>
  String(text ?? '')
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '') // colour codes
    .trim()
    .split('\n')[0]
    .slice(0, 300);

/** The line that ends a step, and its failure counted. */
function ended(label, started, ok) {
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(label);
  return ok;
}

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  return ended(label, started, result.status === 0);
}

/**
 * Runs lanes side by side, the steps of each lane one after another (single-threaded tools, such as
 * ESLint and tsc, on a machine with more than one core). A step's output is held and printed whole
 * when it ends, so the log reads like a run of one step at a time.
 */
async function runLanes(lanes) {
  const runStep = ({ label, command, args }) =>
    new Promise((resolve) => {
      const started = Date.now();
      const chunks = [];
      const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk) => chunks.push(chunk));
      child.stderr.on('data', (chunk) => chunks.push(chunk));
      let finished = false;
      // Once: a process that cannot start emits 'error' and may emit 'close' after it.
      const finish = (ok) => {
        if (finished) return;
        finished = true;
        console.log(`\n▶ ${label}`);
        const output = Buffer.concat(chunks).toString();
        if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
        resolve(ended(label, started, ok));
      };
      child.on('error', (error) => {
        chunks.push(Buffer.from(`${error.message}\n`));
        finish(false);
      });
      child.on('close', (code) => finish(code === 0));
    });
  await Promise.all(
    lanes.map(async (steps) => {
      for (const step of steps) await runStep(step);
    }),
  );
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const file = suite.name ? suite.name.replace(`${root}/`, '') : '?';
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed') failedTests.push(`${file} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that failed to load, or an unhandled error, has no failed test of its own.
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => test.status === 'failed')) {
      failedTests.push(`${file}: ${firstLine(suite.message)}`);
    }
  }
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats, suites } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        failedTests.push(`${spec.file} › ${spec.title}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites ?? []) walk(suite);
}

const TIERS = ['lint', 'typecheck', 'unit', 'integration', 'e2e'];
const asked = process.argv.slice(2);
const unknown = asked.filter((tier) => !TIERS.includes(tier));
if (unknown.length > 0) {
  console.error(`Unknown tier(s): ${unknown.join(', ')}. Tiers: ${TIERS.join(', ')}`);
  process.exit(2);
}
const tiers = new Set(asked.length > 0 ? asked : TIERS);

// The extension's tsconfig extends the one `wxt prepare` generates (also run on install): make sure it
// exists before anything reads it (ESLint's type information, tsc, vitest's transform).
run('wxt prepare', 'npx', ['wxt', 'prepare'], { cwd: join(root, 'extension') });

// ESLint, tsc and Prettier each use one core: ESLint (the longest, about 2 minutes) in one lane,
// the type checks and then Prettier in the other.
await runLanes([
  tiers.has('lint') ? [{ label: 'eslint', command: 'npx', args: ['eslint', '--max-warnings=0', '.'] }] : [],
  [
    ...(tiers.has('typecheck')
      ? ['shared', 'extension', 'sync-server', 'e2e'].map((ws) => ({ label: `typecheck ${ws}`, command: 'npx', args: ['tsc', '--noEmit', '-p', ws] }))
      : []),
    ...(tiers.has('lint') ? [{ label: 'prettier --check', command: 'npx', args: ['prettier', '--check', '.'] }] : []),
  ],
]);

// Each workspace's vitest.config.ts puts every test file in exactly one project, "unit" or
// "integration" (shared has unit tests only).
// Vitest's default is one worker fewer than the cores, which on a 2-core machine is one: the test
// files run one at a time while a core idles (vitest's own process does little). A worker per core
// takes the extension's unit tier from about 280 s to 185 s and its integration tier from about
// 345 s to 260 s here.
const VITEST_WORKERS = '--maxWorkers=100%';
const vitestTiers = { unit: ['shared', 'extension', 'sync-server'], integration: ['extension', 'sync-server'] };
for (const [tier, workspaces] of Object.entries(vitestTiers)) {
  if (!tiers.has(tier)) continue;
  for (const ws of workspaces) {
    const out = join(cache, `vitest-${ws}-${tier}.json`);
    rmSync(out, { force: true });
    run(
      `${tier} tests ${ws}`,
      'npx',
      ['vitest', 'run', '--project', tier, VITEST_WORKERS, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
      {
        cwd: join(root, ws),
      },
    );
    countVitest(out);
    if (ws === 'sync-server') {
      // The server's suite again on PostgreSQL (the whole unit tier; of the integration tier, the
      // tests whose database follows KEYHOLD_TEST_DATABASE): a throwaway cluster that the script
      // creates with initdb, starts on a private socket and removes afterwards (docs/adr/0012-server-storage-port.md).
      const pgOut = join(cache, `vitest-sync-server-${tier}-postgres.json`);
      rmSync(pgOut, { force: true });
      const files =
        tier === 'integration'
          ? [
              'test/http/replicas.test.ts',
              'test/http/fuzz.test.ts',
              'test/http/event-stream.test.ts',
              'test/http/event-replicas.test.ts',
              'test/http/shared-rate-limit.test.ts',
              'test/http/pull-flood.test.ts',
            ]
          : [];
      const vitest = [
        'npx',
        'vitest',
        'run',
        '--project',
        tier,
        VITEST_WORKERS,
        ...files,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${pgOut}`,
      ];
      run(`${tier} tests ${ws} (PostgreSQL)`, 'npx', ['tsx', 'scripts/with-postgres.ts', '--', ...vitest], { cwd: join(root, ws) });
      countVitest(pgOut);
    }
  }
}

if (tiers.has('e2e')) {
  const built = run('build extension (chrome-mv3, firefox-mv3, zips)', 'npm', ['run', 'build', '-w', '@keyhold/extension']);
  if (built) {
    run('web-ext lint (firefox build)', 'npm', ['run', 'lint:firefox', '-w', '@keyhold/extension']);
    const out = join(cache, 'results.json');
    rmSync(out, { force: true });
    run('e2e (real Chromium)', 'npx', ['playwright', 'test'], { cwd: join(root, 'e2e') });
    countPlaywright(out);
    // Fails (never skips) when there is no Firefox: its global setup says how to install one.
    const firefoxOut = join(cache, 'firefox-results.json');
    rmSync(firefoxOut, { force: true });
    run('e2e (real Firefox)', 'npx', ['playwright', 'test', '-c', 'firefox/playwright.config.ts'], { cwd: join(root, 'e2e') });
    countPlaywright(firefoxOut);
  } else {
    failures.push('e2e (not run: the build failed)');
  }
}

console.log('');
for (const test of failedTests) console.log(`✘ ${test}`);
if (failures.length > 0) console.log(`Failed steps: ${failures.join('; ')}`);
if (failures.length > 0 && totals.failed === 0) totals.failed = failures.length;
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
