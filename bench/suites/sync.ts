// Sync benchmark (docs/architecture.md, "Performance budgets"), in real Chromium with the built extension against the REAL sync server
// process, through a byte-counting HTTP proxy:
// - first_sync_10k_ms: a new browser logs in to an account holding 10,000 realistic items →
//   downloaded, verified (AEAD + manifest), written, and a search answers; the median of three fresh
//   browsers. Includes the two Argon2id derivations of log-in (auth key, then unlocking the new local
//   vault), reported separately as first_sync_kdf_ms (the bare KDF measured there, times two);
// - one_change_pull_bytes: after one item changed on the other browser, the body of the one pull
//   that brings it (it must hold exactly that item), plus what verifying it costs: the header fetch
//   that carries the manifest (one_change_manifest_bytes) and all wire bytes of that sync;
// - idle_sync_bytes: a sync with nothing new — its requests and wire bytes (headers included).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension, extensionServiceWorker } from '../../e2e/fixtures/extension.ts';
import { extensionDir, repoRoot } from '../../e2e/fixtures/paths.ts';
import { createVault, sendOk, MASTER_PASSWORD } from '../../e2e/fixtures/protocol.ts';
import { startSyncServer } from '../../e2e/fixtures/sync-server.ts';
import { percentile, report } from '../lib/report.ts';
import { generateVaultItems } from '../lib/generate-items.ts';

const ITEMS = 10_000;
const FIRST_SYNC_RUNS = 3;

type Exchange = { procedure: string; wireBytes: number; responseBodyBytes: number };

/** A reverse proxy that records, per request, the bytes both ways (start line, headers, body). */
async function startCountingProxy(target: string): Promise<{ url: string; log: Exchange[]; close(): void }> {
  const log: Exchange[] = [];
  const to = new URL(target);
  const headerBytes = (start: string, raw: string[]) => {
    let n = Buffer.byteLength(start) + 2;
    for (let i = 0; i < raw.length; i += 2) n += Buffer.byteLength(`${raw[i]}: ${raw[i + 1]}\r\n`);
    return n;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (answer: IncomingMessage) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const payload = Buffer.concat(parts);
            log.push({
              procedure: (req.url ?? '').split('?')[0]!.replace('/trpc/', ''),
              responseBodyBytes: payload.length,
              wireBytes:
                headerBytes(`${req.method} ${req.url} HTTP/1.1\r\n`, req.rawHeaders) +
                body.length +
                headerBytes(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n`, answer.rawHeaders) +
                payload.length,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(payload);
          });
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, close: () => server.close() };
}

async function open(): Promise<{ context: BrowserContext; page: Page; profileDir: string }> {
  const { context, profileDir } = await launchWithExtension();
  const worker = await extensionServiceWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  return { context, page, profileDir };
}

const sum = (log: Exchange[], pick: (e: Exchange) => number, procedure?: string) =>
  log.filter((e) => procedure === undefined || e.procedure === procedure).reduce((n, e) => n + pick(e), 0);

if (!existsSync(join(extensionDir, 'manifest.json'))) {
  execFileSync('npm', ['run', 'build:chrome', '-w', '@keyhold/extension'], { cwd: repoRoot, stdio: 'inherit' });
}

const server = await startSyncServer();
const proxy = await startCountingProxy(server.url);
const a = await open();
const b = await open();
try {
  await createVault(a.page);
  const items = generateVaultItems(ITEMS);
  for (let i = 0; i < items.length; i += 1000) await sendOk(a.page, 'items.import', { items: items.slice(i, i + 1000) });
  const email = 'bench@example.org';
  let started = performance.now();
  await sendOk(a.page, 'sync.signUp', { serverUrl: proxy.url, email, password: MASTER_PASSWORD, deviceName: 'Bench A' });
  const uploadMs = performance.now() - started;

  // A new browser: log in → everything downloaded, verified, stored → a search answers.
  const firstSyncSamples: number[] = [];
  let firstSyncBytes = 0;
  let kdfMs = 0;
  for (let run = 0; run < FIRST_SYNC_RUNS; run++) {
    const fresh = run === 0 ? b : await open();
    proxy.log.length = 0;
    started = performance.now();
    const status = await sendOk<{ lastError: string | null }>(fresh.page, 'sync.logIn', {
      serverUrl: proxy.url,
      email,
      password: MASTER_PASSWORD,
      deviceName: `Bench B${run}`,
    });
    const found = await sendOk<{ total: number }>(fresh.page, 'items.list', { filter: { kind: 'all' }, query: 'github', offset: 0, limit: 50 });
    firstSyncSamples.push(performance.now() - started);
    const all = await sendOk<{ total: number }>(fresh.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 1 });
    if (status.lastError !== null || all.total !== ITEMS || found.total === 0) {
      throw new Error(`first sync incomplete: ${JSON.stringify({ status, total: all.total, found: found.total })}`);
    }
    firstSyncBytes = sum(proxy.log, (e) => e.wireBytes);
    if (run === 0) {
      const cost = await sendOk<{ memoryKiB: number; iterations: number; parallelism: number }>(b.page, 'vault.kdf');
      const kdfSamples: number[] = [];
      for (let i = 0; i < 3; i++) kdfSamples.push((await sendOk<{ ms: number }>(b.page, 'vault.calibrateKdf', cost)).ms);
      kdfMs = 2 * percentile(kdfSamples, 50);
    } else {
      await fresh.context.close();
      rmSync(fresh.profileDir, { recursive: true, force: true });
    }
  }

  // One item changes on A; B syncs.
  const page = await sendOk<{ rows: { id: string }[] }>(a.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 1 });
  const { item } = await sendOk<{ item: Record<string, unknown> }>(a.page, 'items.get', { id: page.rows[0]!.id });
  await sendOk(a.page, 'items.save', { item: { ...item, notes: 'changed for the benchmark' } });
  await sendOk(a.page, 'sync.now', {});
  proxy.log.length = 0;
  await sendOk(b.page, 'sync.now', {});
  const pulls = proxy.log.filter((e) => e.procedure === 'sync.pull');
  if (pulls.length !== 1) throw new Error(`one change took ${pulls.length} pulls`);
  const oneChange = {
    pull: pulls[0]!.responseBodyBytes,
    manifest: sum(proxy.log, (e) => e.responseBodyBytes, 'vault.getHeader'),
    wire: sum(proxy.log, (e) => e.wireBytes),
    requests: proxy.log.length,
  };

  // Nothing new.
  proxy.log.length = 0;
  await sendOk(b.page, 'sync.now', {});
  const idle = { wire: sum(proxy.log, (e) => e.wireBytes), body: sum(proxy.log, (e) => e.responseBodyBytes), requests: proxy.log.length };
  if (idle.requests !== 1) throw new Error(`an idle sync took ${idle.requests} requests: ${proxy.log.map((e) => e.procedure).join(', ')}`);

  report('sync', {
    first_sync_10k_ms: Math.round(percentile(firstSyncSamples, 50)),
    first_sync_10k_best_ms: Math.round(Math.min(...firstSyncSamples)),
    first_sync_kdf_ms: Math.round(kdfMs),
    first_sync_10k_wire_bytes: firstSyncBytes,
    sign_up_upload_10k_ms: Math.round(uploadMs),
    one_change_pull_bytes: oneChange.pull,
    one_change_manifest_bytes: oneChange.manifest,
    one_change_sync_wire_bytes: oneChange.wire,
    one_change_sync_requests: oneChange.requests,
    idle_sync_bytes: idle.wire,
    idle_sync_response_body_bytes: idle.body,
    idle_sync_requests: idle.requests,
  });
} finally {
  await a.context.close();
  await b.context.close();
  rmSync(a.profileDir, { recursive: true, force: true });
  rmSync(b.profileDir, { recursive: true, force: true });
  proxy.close();
  await server.dispose();
}
