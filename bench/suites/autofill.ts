// Autofill cost in real Chromium with the built extension (docs/architecture.md, "Performance budgets"):
// - content_gzip_kb: the always-on content script (autofill-boot.js, registered by the background in the page's main world), gzipped (the engine loads only where a candidate
//   field exists; engine_gzip_kb is reported for reference);
// - idle_page_ms: script time after load on a 5,000-element page without credential fields
//   (CDP Performance.getMetrics ScriptDuration, the same page in a browser without the extension
//   subtracted; median of 15 loads); idle_passkeys_ms is what the passkey page scripts (the
//   main-world wrapper and its bridge, manifest content scripts in every frame; the bridge also
//   carries the always-on script's request for the engine, which no page here makes) add to it: the same
//   build without those two manifest entries runs in a third browser, the three browsers load the
//   page in turn (the order alternates), and it is the median of the 15 per-round differences, so
//   load on the machine that hits one round hits both sides (idle_page_no_passkeys_ms: the rest;
//   single loads scatter by a millisecond or more on a loaded machine, hence the rounds);
// - detect_ms: the engine's own first detection pass in the extension (its pass times are read from
//   the content script's world over CDP) on a 5,000-element page with a login form, median of 9
//   loads; detect_bundle_cold_ms / detect_warm_ms: the same detector (detectFields, bundled with
//   esbuild) run in the page's own world, first run on a fresh page, and later runs;
// - churn_slowdown_pct: a page that makes 1,000 DOM mutations per second for 8 s, main-thread busy
//   time (CDP TaskDuration) with the extension over the same page without it, in one run: two
//   browsers launched alike, the two pages churning at the same time (so other load on the machine
//   hits both), median of the per-pair ratios over 13 pairs (which browser is served first
//   alternates). Measured on the page WITH a login form (the engine is loaded and watching, and its
//   icon rests in the form: the worst case); churn_no_fields_slowdown_pct is the same
//   page without fields (only the always-on script). TaskDuration is wall-clock time: on a loaded
//   2-core machine a descheduled task counts its wait as busy time, and pairs with the same build on
//   both sides scatter by about ±5%. Where Linux exposes per-thread CPU time (/proc/PID/task/TID/
//   schedstat), churn_cpu_slowdown_pct and churn_no_fields_cpu_slowdown_pct give the same ratio
//   over the CPU time of each page's renderer main thread, which waiting does not inflate (same
//   pairs; for reference next to the figures above, not instead of them).
//
// A run takes about 7 minutes (373 s with 9 idle rounds on a loaded 2-core machine, 2026-12-06),
// more when other work competes for the cores; run_s reports it. Whatever stops it from outside (a
// time limit around the command sends SIGTERM) makes Playwright close the browsers, and the step
// that was waiting on a page then fails with "Target page, context or browser has been closed": the
// bench says first which signal stopped it, when, and in which step (seen: a 15-minute limit that
// also counted the wait for the browser lock).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, launchWithExtension } from '../../e2e/fixtures/extension.ts';
import { findChromium } from '../../e2e/fixtures/find-chromium.ts';
import { extensionDir, repoRoot, scratchDir } from '../../e2e/fixtures/paths.ts';
import { ensureFreshBuild } from '../lib/fresh-build.ts';
import { extensionWithoutContentScripts } from '../lib/extension-variant.ts';
import { percentile, report } from '../lib/report.ts';

const LOADS = 9;
const IDLE_ROUNDS = 15;
const CHURN_SECONDS = 8;
const CHURN_PAIRS = 13;
/** After load, the always-on script's idle work (requestIdleCallback, 1 s timeout) has run within this. */
const IDLE_SETTLE_MS = 2000;
const PASSKEY_SCRIPTS = ['passkeys-main.js', 'passkeys-bridge.js'];

const started = Date.now();
let step = 'start';
const elapsed = () => Math.round((Date.now() - started) / 1000);
function enter(name: string): void {
  step = name;
  console.log(`[autofill bench] ${elapsed()} s: ${name}`);
}
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.once(signal, () =>
    console.error(
      `[autofill bench] stopped by ${signal} after ${elapsed()} s, during: ${step}. Something outside the bench ended it ` +
        '(a time limit around the command?); Playwright now closes the browsers, so the step that waits on a page reports it closed.',
    ),
  );
}

ensureFreshBuild();

const LOGIN_FORM =
  '<aside><form action="/session" method="post"><h2>Sign in</h2><label for="u">Email</label><input id="u" type="email" name="email" autocomplete="username">' +
  '<label for="p">Password</label><input id="p" type="password" name="password" autocomplete="current-password">' +
  '<button type="submit">Sign in</button></form></aside>';

/** A feed-like page of exactly `elements` body elements (5 per card), optionally with a sign-in box. */
function page(elements: number, options: { login: boolean; script?: string }): string {
  const cards: string[] = [];
  const formElements = options.login ? 9 : 0;
  for (let i = 0; i < Math.floor((elements - formElements) / 5); i++) {
    cards.push(`<div class="card c${i}"><h3>Story ${i}</h3><p>Lead text of story ${i} <span>${i} min</span> <a href="/s/${i}">more</a></p></div>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title></head><body>${options.login ? LOGIN_FORM : ''}<main id="feed">${cards.join('')}</main>${
    options.script ? `<script>${options.script}</script>` : ''
  }</body></html>`;
}

// 10 mutations every 10 ms (1,000 per second): a card added at the end, the oldest one removed.
const CHURN = `
  window.churnDone = false;
  const feed = document.getElementById('feed');
  let n = 0;
  window.startChurn = (seconds) => {
    const until = performance.now() + seconds * 1000;
    const timer = setInterval(() => {
      for (let i = 0; i < 5; i++) {
        const card = document.createElement('div');
        card.className = 'card';
        card.innerHTML = '<h3>Live ' + (n++) + '</h3>';
        feed.append(card);
        feed.firstElementChild.remove();
      }
      if (performance.now() >= until) { clearInterval(timer); window.churnDone = true; }
    }, 10);
  };`;

const pages: Record<string, string> = {
  '/plain': page(5000, { login: false }),
  '/login': page(5000, { login: true }),
  '/churn': page(5000, { login: false, script: CHURN }),
  '/churn-login': page(5000, { login: true, script: CHURN }),
};

const server = createServer((req, res) => {
  const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
  res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body ?? 'not found');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

type Metrics = Record<string, number>;

async function metrics(page: Page, open: (cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>) => Promise<void>): Promise<Metrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await open(cdp);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Script time (ms) of a fresh page load, measured once idle work has run. */
async function scriptAfterLoad(context: BrowserContext, path: string): Promise<number> {
  const page = await context.newPage();
  const m = await metrics(page, async () => {
    await page.goto(origin + path, { waitUntil: 'load' });
    await page.waitForTimeout(IDLE_SETTLE_MS);
  });
  await page.close();
  return m.ScriptDuration! * 1000;
}

/** CPU time (ms) of the main thread of each renderer of the browser using `profileDir` (Linux; empty elsewhere). */
function rendererMainThreadCpu(profileDir: string): Map<number, number> {
  const cpu = new Map<number, number>();
  if (!existsSync('/proc/self/task')) return cpu;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer') || !command.includes(profileDir) || command.includes('--extension-process')) continue;
      // schedstat: time spent on the CPU, in ns (Documentation/scheduler/sched-stats.rst).
      cpu.set(Number(pid), Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // The process went away meanwhile.
    }
  }
  return cpu;
}

/** The largest main-thread CPU time (ms) any renderer spent between two snapshots: the churning page's. */
function busiestRenderer(before: Map<number, number>, after: Map<number, number>): number {
  let most = Number.NaN;
  for (const [pid, ms] of after) {
    const spent = ms - (before.get(pid) ?? ms);
    most = Number.isNaN(most) ? spent : Math.max(most, spent);
  }
  return most;
}

type ChurnCost = { busyMs: number; cpuMs: number };

/** Main-thread busy time (ms) and CPU time of the churn page in each context, both churning at the same time. */
async function churnPair(contexts: { context: BrowserContext; profileDir: string }[], path: string): Promise<ChurnCost[]> {
  const pages = await Promise.all(contexts.map(({ context }) => context.newPage()));
  await Promise.all(pages.map((page) => page.goto(origin + path, { waitUntil: 'load' })));
  // Let the content script (and, with fields, the engine) settle before the window opens.
  await pages[0]!.waitForTimeout(IDLE_SETTLE_MS);
  const sessions = await Promise.all(pages.map((page) => page.context().newCDPSession(page)));
  await Promise.all(sessions.map((cdp) => cdp.send('Performance.enable')));
  const busy = (cdp: (typeof sessions)[number]) =>
    cdp
      .send('Performance.getMetrics')
      .then((r) => (r as { metrics: { name: string; value: number }[] }).metrics.find((m) => m.name === 'TaskDuration')!.value);
  const before = await Promise.all(sessions.map(busy));
  const cpuBefore = contexts.map(({ profileDir }) => rendererMainThreadCpu(profileDir));
  await Promise.all(
    pages.map((page) => page.evaluate((seconds) => (window as unknown as { startChurn: (s: number) => void }).startChurn(seconds), CHURN_SECONDS)),
  );
  await Promise.all(
    pages.map((page) =>
      page.waitForFunction(() => (window as unknown as { churnDone: boolean }).churnDone, undefined, {
        timeout: (CHURN_SECONDS + 30) * 1000,
        polling: 500,
      }),
    ),
  );
  // Idle work queued by the last mutations runs right after; include it.
  await pages[0]!.waitForTimeout(700);
  const after = await Promise.all(sessions.map(busy));
  const cpuAfter = contexts.map(({ profileDir }) => rendererMainThreadCpu(profileDir));
  await Promise.all(pages.map((page) => page.close()));
  return after.map((value, i) => ({ busyMs: (value - before[i]!) * 1000, cpuMs: busiestRenderer(cpuBefore[i]!, cpuAfter[i]!) }));
}

async function detectTimes(context: BrowserContext, bundle: string): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.goto(origin + '/login', { waitUntil: 'load' });
    await page.addScriptTag({ content: bundle });
    const runs = await page.evaluate(() => {
      const detect = (window as unknown as { keyholdDetect: { detectFields: (root: Document) => { kind: string | null }[] } }).keyholdDetect
        .detectFields;
      const times: number[] = [];
      let kinds = '';
      for (let r = 0; r < 8; r++) {
        const started = performance.now();
        const fields = detect(document);
        times.push(performance.now() - started);
        kinds = fields.map((f) => f.kind).join(',');
      }
      return { times, kinds };
    });
    if (!runs.kinds.includes('current-password')) throw new Error(`the bench page's login form was not detected: ${runs.kinds}`);
    cold.push(runs.times[0]!);
    warm.push(...runs.times.slice(3));
    await page.close();
  }
  return { cold, warm };
}

/** The engine's detection pass times, read in the content script's isolated world. */
async function enginePassTimes(context: BrowserContext): Promise<number[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const worlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: { id: number; name: string; auxData?: { type?: string } } }) => {
    if (event.context.auxData?.type === 'isolated' && event.context.name === 'Keyhold') worlds.push(event.context.id);
  });
  await cdp.send('Runtime.enable');
  await page.goto(origin + '/login', { waitUntil: 'load' });
  const read = async (): Promise<number[]> => {
    for (const contextId of worlds) {
      const { result } = (await cdp.send('Runtime.evaluate', {
        contextId,
        returnByValue: true,
        expression: `globalThis[Symbol.for('keyhold.autofill-engine')]?.passTimes() ?? null`,
      })) as { result: { value?: number[] | null } };
      if (result.value && result.value.length > 0) return result.value;
    }
    return [];
  };
  let times: number[] = [];
  for (let waited = 0; times.length === 0 && waited < 10_000; waited += 200) {
    await page.waitForTimeout(200);
    times = await read();
  }
  await cdp.detach();
  await page.close();
  if (times.length === 0) throw new Error('the engine did not run a detection pass on the login page');
  return times;
}

const median = (values: number[]) => percentile(values, 50);
const gzipKb = (file: string) => gzipSync(readFileSync(join(extensionDir, file))).length / 1024;

const bundle = (
  await build({
    entryPoints: [join(repoRoot, 'extension/src/autofill/detect/detect-fields.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'keyholdDetect',
    write: false,
    minify: true,
    target: 'es2022',
  })
).outputFiles[0]!.text;

enter('launching the browsers');
const { context: withExtension, profileDir } = await launchWithExtension();
// The same build without the passkey page scripts, for idle_passkeys_ms.
const noPasskeysDir = extensionWithoutContentScripts(PASSKEY_SCRIPTS);
const { context: withoutPasskeys, profileDir: noPasskeysProfile } = await launchWithExtension({ extensionDir: noPasskeysDir });
// The browser without the extension is launched the same way (persistent profile, same flags),
// so the only difference between the two is the extension.
mkdirSync(scratchDir, { recursive: true });
const plainProfile = mkdtempSync(join(scratchDir, 'profile-'));
const without = await chromium.launchPersistentContext(plainProfile, {
  headless: true,
  executablePath: findChromium(),
  args: [...CHROMIUM_FLAGS],
});
try {
  // The extension registers its always-on script when its service worker starts.
  await new Promise((resolve) => setTimeout(resolve, 2000));

  enter('idle page');
  const idle = { with: [] as number[], noPasskeys: [] as number[], without: [] as number[] };
  const browsers = [
    { context: withExtension, samples: idle.with },
    { context: withoutPasskeys, samples: idle.noPasskeys },
    { context: without, samples: idle.without },
  ];
  for (let i = 0; i < IDLE_ROUNDS; i++) {
    for (const { context, samples } of i % 2 === 0 ? browsers : [...browsers].reverse()) samples.push(await scriptAfterLoad(context, '/plain'));
  }
  const passkeyDeltas = idle.with.map((ms, i) => ms - idle.noPasskeys[i]!);

  enter('detection');
  const { cold, warm } = await detectTimes(without, bundle);
  const engineFirst: number[] = [];
  for (let i = 0; i < LOADS; i++) engineFirst.push((await enginePassTimes(withExtension))[0]!);

  const ratios = { login: [] as number[], noFields: [] as number[] };
  const cpuRatios = { login: [] as number[], noFields: [] as number[] };
  const busy = { with: [] as number[], without: [] as number[] };
  const pair = [
    { context: withExtension, profileDir },
    { context: without, profileDir: plainProfile },
  ];
  // The two pages start churning together, but one of them is always served first: every other
  // pair swaps which browser that is, so the order cannot favour either side.
  const churnBoth = async (path: string, swap: boolean) =>
    swap ? ((await churnPair([...pair].reverse(), path)).reverse() as ChurnCost[]) : churnPair(pair, path);
  for (let i = 0; i < CHURN_PAIRS; i++) {
    enter(`churn pair ${i + 1} of ${CHURN_PAIRS}`);
    const [withCost, withoutCost] = await churnBoth('/churn-login', i % 2 === 1);
    ratios.login.push(withCost!.busyMs / withoutCost!.busyMs);
    cpuRatios.login.push(withCost!.cpuMs / withoutCost!.cpuMs);
    busy.with.push(withCost!.busyMs);
    busy.without.push(withoutCost!.busyMs);
    const [a, b] = await churnBoth('/churn', i % 2 === 1);
    ratios.noFields.push(a!.busyMs / b!.busyMs);
    cpuRatios.noFields.push(a!.cpuMs / b!.cpuMs);
  }
  const slowdown = (pairRatios: number[]) => 100 * (median(pairRatios) - 1);
  const cpuFigures =
    cpuRatios.login.every(Number.isFinite) && cpuRatios.noFields.every(Number.isFinite)
      ? { churn_cpu_slowdown_pct: slowdown(cpuRatios.login), churn_no_fields_cpu_slowdown_pct: slowdown(cpuRatios.noFields) }
      : ({} as Record<string, number>);

  report('autofill', {
    content_gzip_kb: gzipKb('autofill-boot.js'),
    engine_gzip_kb: gzipKb('content-scripts/autofill-engine.js'),
    idle_page_ms: Math.max(0, median(idle.with) - median(idle.without)),
    idle_page_with_ms: median(idle.with),
    idle_page_without_ms: median(idle.without),
    idle_passkeys_ms: median(passkeyDeltas),
    idle_page_no_passkeys_ms: Math.max(0, median(idle.noPasskeys) - median(idle.without)),
    passkeys_main_gzip_kb: gzipKb('passkeys-main.js'),
    // How many of the three page scripts carry V8's compile hint (extension/wxt.config.ts, compileOnLoad): 3.
    compile_hinted_page_scripts: ['autofill-boot.js', 'passkeys-main.js', 'passkeys-bridge.js'].filter((file) =>
      readFileSync(join(extensionDir, file), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'),
    ).length,
    detect_ms: median(engineFirst),
    detect_bundle_cold_ms: median(cold),
    detect_warm_ms: median(warm),
    churn_slowdown_pct: slowdown(ratios.login),
    churn_no_fields_slowdown_pct: slowdown(ratios.noFields),
    churn_busy_with_ms: median(busy.with),
    churn_busy_without_ms: median(busy.without),
    ...cpuFigures,
    run_s: elapsed(),
  });
} finally {
  await without.close();
  await withoutPasskeys.close();
  await withExtension.close();
  server.close();
  for (const dir of [profileDir, plainProfile, noPasskeysProfile, noPasskeysDir]) rmSync(dir, { recursive: true, force: true });
}
