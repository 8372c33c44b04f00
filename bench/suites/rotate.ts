// Vault-key rotation benchmark (docs/adr/0021-vault-key-rotation.md), in real Chromium with the built
// extension: Settings' "Rotate encryption keys" through its messages, timed from rotation.start to the
// state "committed" as the page polls it.
// - rotate_10k_ms: a local vault of 10,000 realistic items (not syncing): the master-password check and
//   the new header (two Argon2id derivations, reported as rotate_kdf_ms), every item re-encrypted in
//   batches and the commit;
// - rotate_10k_synced_ms: the same vault signed up at the REAL sync server: also the header published
//   and all 10,000 re-encrypted items pushed;
// - rotate_10k_adopt_ms: the second browser's unlock with the same password after that rotation (the
//   server's header adopted and its local vault re-encrypted), until the list answers.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension, extensionServiceWorker } from '../../e2e/fixtures/extension.ts';
import { ensureFreshBuild } from '../lib/fresh-build.ts';
import { createVault, sendOk, MASTER_PASSWORD } from '../../e2e/fixtures/protocol.ts';
import { startSyncServer } from '../../e2e/fixtures/sync-server.ts';
import { percentile, report } from '../lib/report.ts';
import { generateVaultItems } from '../lib/generate-items.ts';

const ITEMS = 10_000;

async function open(): Promise<{ context: BrowserContext; page: Page; profileDir: string }> {
  const { context, profileDir } = await launchWithExtension();
  const worker = await extensionServiceWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  return { context, page, profileDir };
}

async function vaultWithItems(page: Page): Promise<void> {
  await createVault(page);
  const items = generateVaultItems(ITEMS);
  for (let i = 0; i < items.length; i += 1000) await sendOk(page, 'items.import', { items: items.slice(i, i + 1000) });
}

/** Milliseconds from rotation.start to "committed". */
async function rotate(page: Page): Promise<number> {
  const started = performance.now();
  await sendOk(page, 'rotation.start', { password: MASTER_PASSWORD });
  for (;;) {
    const state = await sendOk<{ phase: string; message?: string }>(page, 'rotation.status');
    if (state.phase === 'committed') return performance.now() - started;
    if (state.phase === 'failed-resumable' || state.phase === 'idle') throw new Error(`rotation stopped: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

ensureFreshBuild();

const server = await startSyncServer();
const opened: { context: BrowserContext; profileDir: string }[] = [];
try {
  const local = await open();
  opened.push(local);
  await vaultWithItems(local.page);
  const cost = await sendOk<{ memoryKiB: number; iterations: number; parallelism: number }>(local.page, 'vault.kdf');
  const kdfSamples: number[] = [];
  for (let i = 0; i < 3; i++) kdfSamples.push((await sendOk<{ ms: number }>(local.page, 'vault.calibrateKdf', cost)).ms);
  const localMs = await rotate(local.page);

  const a = await open();
  const b = await open();
  opened.push(a, b);
  await vaultWithItems(a.page);
  const email = `rotate-bench-${Date.now()}@example.org`;
  await sendOk(a.page, 'sync.signUp', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'A', inviteToken: server.invite() });
  await sendOk(b.page, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'B' });
  const syncedMs = await rotate(a.page);
  await sendOk(b.page, 'sync.now', {});
  const adoptStarted = performance.now();
  await sendOk(b.page, 'vault.unlock', { password: MASTER_PASSWORD, limit: 50 });
  const listed = await sendOk<{ total: number }>(b.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
  const adoptMs = performance.now() - adoptStarted;
  if (listed.total !== ITEMS) throw new Error(`B lists ${listed.total} items after adopting, not ${ITEMS}`);

  report('rotate', {
    rotate_10k_ms: Math.round(localMs),
    rotate_kdf_ms: Math.round(2 * percentile(kdfSamples, 50)),
    rotate_10k_synced_ms: Math.round(syncedMs),
    rotate_10k_adopt_ms: Math.round(adoptMs),
  });
} finally {
  for (const o of opened) {
    await o.context.close();
    rmSync(o.profileDir, { recursive: true, force: true });
  }
  await server.dispose();
}
