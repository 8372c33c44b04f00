// The floor the popup's open time is measured against: a copy of the built extension with one more
// page, blank.html, of the popup's size, whose one small module script paints a single row and marks
// the body ready the way the popup does. Opening it costs what any extension page costs on this
// machine in this run (process, navigation, one script, one paint), so popup_open_vs_blank says what
// the popup itself adds, whatever the machine's speed. The page exists only in the bench's copy.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir, scratchDir } from '../../e2e/fixtures/paths.ts';

const BLANK_HTML = `<!doctype html>
<html lang="en" class="popup">
  <head>
    <meta charset="utf-8" />
    <meta name="color-scheme" content="light dark" />
    <title>Keyhold</title>
    <style>html, body { width: 380px; height: 600px; overflow: hidden; margin: 0; font: 14px system-ui, sans-serif; }</style>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="./blank.js"></script>
  </body>
</html>
`;

const BLANK_JS = `const row = document.createElement('div');
row.dataset.testid = 'item-row';
row.textContent = 'One row';
row.style.cssText = 'height: 48px; padding: 0 12px; display: flex; align-items: center;';
document.getElementById('app').append(row);
document.body.dataset.ready = '1';
`;

/** A temporary copy of the Chrome build with blank.html added; returns its folder. */
export function extensionWithBlankPage(): string {
  const dir = mkdtempSync(join(scratchDir, 'bench-extension-'));
  cpSync(extensionDir, dir, { recursive: true });
  writeFileSync(join(dir, 'blank.html'), BLANK_HTML);
  writeFileSync(join(dir, 'blank.js'), BLANK_JS);
  return dir;
}
