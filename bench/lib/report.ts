// Shared reporting for benchmarks: each suite calls report() once with a flat metric → number map.
// It writes bench/results/NAME.json and prints an aligned table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

export type Metrics = Record<string, number>;

export function report(name: string, metrics: Metrics): void {
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`bench ${name}: metric ${key} is not a finite number (${String(value)})`);
    }
  }
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(metrics, null, 2) + '\n');
  const width = Math.max(...Object.keys(metrics).map((k) => k.length), 6);
  console.log(`\n${name}`);
  console.log(`${'metric'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const [key, value] of Object.entries(metrics)) {
    console.log(`${key.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  }
}

/** Median and percentiles of a sample, for suites that time repeated runs. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
