// Vault health benchmark, in real Chromium with the built extension (docs/architecture.md, "Vault
// health"): a generated 10,000-item vault (16–24 character random passwords), checked from the
// vault page's health screen.
// - first_run_10k_ms: Check now → report shown, breach checks off (every password opened, tagged and
//   scored by zxcvbn in the offscreen document);
// - cached_run_10k_ms: the same again (scores come from the sealed cache);
// - longest_task_ms: the vault page's longest main-thread task over both runs (Long Tasks API: only
//   tasks over 50 ms are reported, so 0 means none) — the work is in the background, not the page;
// - progress_updates_first_run: progress texts the page showed during the first run;
// - summary_ms_p50: the popup badge's health.summary round trip (median of 20);
// - breach_prefixes_per_s: range requests answered per second by a local range server (20 ms per
//   answer) over 15 s of a run with breach checks on, then cancelled.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { launchWithExtension, extensionServiceWorker } from '../../e2e/fixtures/extension.ts';
import { createVault, sendOk } from '../../e2e/fixtures/protocol.ts';
import { generateVaultItems } from '../lib/generate-items.ts';
import { percentile, report } from '../lib/report.ts';

const ITEMS = 10_000;
const items = generateVaultItems(ITEMS);

const range = createServer((req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end(''), 20));
await new Promise<void>((resolve) => range.listen(0, '127.0.0.1', resolve));
const rangeUrl = `http://127.0.0.1:${(range.address() as AddressInfo).port}`;

const { context, profileDir } = await launchWithExtension();
try {
  await context.addInitScript(() => {
    (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
  });
  const id = new URL((await extensionServiceWorker(context)).url()).host;
  const setup = await context.newPage();
  await setup.goto(`chrome-extension://${id}/popup.html`);
  await createVault(setup);
  for (let i = 0; i < items.length; i += 1000) await sendOk(setup, 'items.import', { items: items.slice(i, i + 1000) });

  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.goto(`chrome-extension://${id}/vault.html`);
  await page.getByTestId('search').waitFor();
  await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Vault health' }).click();
  const screen = page.getByTestId('health-screen');

  const progress = new Set<string>();
  const run = async (button: string): Promise<number> => {
    const started = Date.now();
    await screen.getByRole('button', { name: button }).click();
    const sample = setInterval(() => {
      void screen
        .getByTestId('health-progress')
        .textContent({ timeout: 100 })
        .then((t) => t && progress.add(t))
        .catch(() => undefined);
    }, 100);
    await screen.getByTestId('health-finished').waitFor({ timeout: 30 * 60_000 });
    await screen.getByRole('button', { name: 'Check again' }).waitFor({ timeout: 30 * 60_000 });
    clearInterval(sample);
    return Date.now() - started;
  };
  const firstRun = await run('Check now');
  const progressUpdates = progress.size;
  const cachedRun = await run('Check again');
  const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);

  const summary: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await sendOk(setup, 'health.summary');
    summary.push(performance.now() - t);
  }

  let asked = 0;
  range.on('request', () => (asked += 1));
  await sendOk(setup, 'settings.set', { breachCheck: true, breachEndpoint: rangeUrl });
  await sendOk(setup, 'health.start');
  await screen
    .getByTestId('health-progress')
    .filter({ hasText: 'Asking about breaches' })
    .waitFor({ timeout: 30 * 60_000 });
  const from = asked;
  await page.waitForTimeout(15_000);
  const perSecond = (asked - from) / 15;
  await sendOk(setup, 'health.cancel');

  report('health', {
    first_run_10k_ms: firstRun,
    cached_run_10k_ms: cachedRun,
    longest_task_ms: Math.round(longest),
    progress_updates_first_run: progressUpdates,
    summary_ms_p50: Math.round(percentile(summary, 50) * 10) / 10,
    breach_prefixes_per_s: Math.round(perSecond * 10) / 10,
  });
} finally {
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
  range.close();
}
