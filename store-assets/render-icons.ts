// Renders store-assets/icon.svg to the PNG sizes the extension manifest uses (extension/public/icon/)
// and the 440×280 store tile, with headless Chromium. Run: npx tsx store-assets/render-icons.ts
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from '../e2e/fixtures/find-chromium.ts';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const size of [16, 32, 48, 96, 128]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: join(here, '..', 'extension', 'public', 'icon', `${size}.png`), omitBackground: true });
  }
  await page.setViewportSize({ width: 440, height: 280 });
  await page.setContent(`<html><body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:24px;justify-content:center;background:#eef2ff;font-family:system-ui,sans-serif">
    ${svg.replace('<svg ', '<svg width="120" height="120" ')}
    <div><div style="font-size:34px;font-weight:700;color:#1c2f8a">Keyhold</div><div style="font-size:15px;color:#334">Your passwords, on your device.</div></div></body></html>`);
  await page.screenshot({ path: join(here, 'promo-tile-440x280.png') });
} finally {
  await browser.close();
}
