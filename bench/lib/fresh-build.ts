// The built extension a browser benchmark loads, rebuilt when it is missing or older than its
// sources. A suite that only checked that a build existed measured whatever was built last — once an
// old build, so a run reported the figures from before the change it was meant to measure.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir, repoRoot } from '../../e2e/fixtures/paths.ts';

/** What goes into the build: a change to any of these makes the build stale. */
const SOURCES = ['extension/src', 'extension/public', 'extension/wxt.config.ts', 'extension/package.json', 'shared/src'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the Chrome extension unless extensionDir holds a build newer than every source file. */
export function ensureFreshBuild(): void {
  const manifest = join(extensionDir, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((source) => newestMtime(join(repoRoot, source))));
  if (builtAt > changedAt) return;
  console.log(builtAt === 0 ? 'No extension build: building it.' : 'The extension build is older than its sources: building it again.');
  execFileSync('npm', ['run', 'build:chrome', '-w', '@keyhold/extension'], { cwd: repoRoot, stdio: 'inherit' });
}
