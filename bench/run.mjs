#!/usr/bin/env node
// Benchmark runner: `npm run bench` runs every suite, `npm run bench -- NAME [NAME…]` runs some.
// Each suite is bench/suites/NAME.ts, run in its own Node process (so heaps and JITs do not mix);
// it measures, then calls report() from bench/lib/report.ts, which writes bench/results/NAME.json.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(here, 'suites');
const available = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of asked.length > 0 ? asked : available) {
  console.log(`\n=== bench ${name} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(suitesDir, `${name}.ts`)], {
    stdio: 'inherit',
    cwd: join(here, '..'),
  });
  if (run.status !== 0) {
    console.error(`bench ${name} failed (exit ${run.status ?? run.signal})`);
    failed += 1;
  }
}
process.exit(failed > 0 ? 1 : 0);
