#!/usr/bin/env node
// `npm start`: build the extension (Chrome MV3 and Firefox) and start the sync server on its
// embedded SQLite default (./data). Ctrl+C stops the server cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

console.log('Building the extension for Chrome and Firefox (about a minute)…');
// The build's own output is hundreds of lines; it is shown only when the build fails, so the lines
// saying what to load stay on screen.
const build = spawnSync('npm', ['run', 'build', '-w', '@keyhold/extension'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  console.error('The extension build failed; see the output above.');
  process.exit(build.status ?? 1);
}

console.log(`
Keyhold is built.
  Chrome / Chromium / Edge: open chrome://extensions, turn on Developer mode, "Load unpacked" →
      ${join(root, 'extension', '.output', 'chrome-mv3')}
  Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" →
      ${join(root, 'extension', '.output', 'firefox-mv3', 'manifest.json')}
`);

const serverBin = join(root, 'sync-server', 'bin', 'keyhold-server.mjs');
if (!existsSync(serverBin)) {
  console.log('(The sync server is not part of this checkout yet; the extension works fully offline.)');
  process.exit(0);
}
console.log('Starting the sync server (data in ./data; set KEYHOLD_PORT / KEYHOLD_DATA_DIR to change)…');
const server = spawn(process.execPath, [serverBin, 'start', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));
