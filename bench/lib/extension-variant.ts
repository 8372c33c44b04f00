// Copies of the built extension that differ in one thing, for A/B figures inside one benchmark run
// (two browsers launched alike, the same pages, so load on the machine hits both): here, the build
// without some of its manifest content scripts (the passkey page scripts), to tell what those cost a
// page from what the rest of Keyhold costs it. The copies exist only in the bench's scratch folder.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir, scratchDir } from '../../e2e/fixtures/paths.ts';

type ContentScript = { js?: string[] };

/** A temporary copy of the Chrome build whose manifest lists no content script that loads any of `files`; returns its folder. */
export function extensionWithoutContentScripts(files: readonly string[]): string {
  const dir = mkdtempSync(join(scratchDir, 'bench-extension-'));
  cpSync(extensionDir, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { content_scripts?: ContentScript[] };
  const before = manifest.content_scripts ?? [];
  manifest.content_scripts = before.filter((script) => !(script.js ?? []).some((file) => files.includes(file)));
  if (manifest.content_scripts.length === before.length) throw new Error(`the build lists no content script with ${files.join(', ')}`);
  writeFileSync(path, JSON.stringify(manifest));
  return dir;
}
