// A KDF salt the sync server cannot choose (issue #11 part 3, ADR 0020), on the log-in screen of a
// new browser: a malicious server — the REAL server behind a proxy that rewrites one answer — hands
// Bob the salt of another account (one dictionary for both victims). The log-in screen refuses before
// any auth key is derived or sent, says why in plain words, and offers to go on only as a separate,
// explicit choice; the warning passes axe in light and dark and is reachable by keyboard.
import { rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deriveKdfSalt } from '@keyhold/shared/crypto/kdf-salt';
import { test, expect, launchWithExtension, extensionServiceWorker } from '../fixtures/extension.js';
import { createVault, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { startSyncServer, type SyncServer } from '../fixtures/sync-server.js';
import { watchErrors } from './vault-support.js';

/** The sync server as the browser sees it: every request forwarded, prelogin answers rewritten by `tamper`. */
type Proxy = {
  url: string;
  procedures: string[];
  tamper: ((kdf: Record<string, unknown>) => Record<string, unknown>) | null;
  close(): Promise<void>;
};

async function startProxy(target: string): Promise<Proxy> {
  const to = new URL(target);
  const proxy: Proxy = { url: '', procedures: [], tamper: null, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const procedure = path.split('?')[0]!.split('/trpc/')[1];
    if (procedure) proxy.procedures.push(procedure);
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path, headers: { ...req.headers, host: req.headers.host } },
      (answer) => {
        if (procedure !== 'account.prelogin' || !proxy.tamper || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result: { data: { kdf: Record<string, unknown> } } };
          json.result.data.kdf = proxy.tamper!(json.result.data.kdf);
          const body = JSON.stringify(json);
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          res.writeHead(200, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

let server: SyncServer;
let proxy: Proxy;
test.beforeAll(async () => {
  server = await startSyncServer();
  proxy = await startProxy(server.url);
});
test.afterAll(async () => {
  await proxy?.close();
  await server?.dispose();
});

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('a server that gives two victims one salt: the log-in screen refuses before any auth key is sent', async ({ openPopup }) => {
  const bob = `bob-${Date.now()}@example.org`;
  // Bob's account, made through the (for now honest) server: its salt is derived from the server and his email.
  const { context, profileDir } = await launchWithExtension();
  try {
    const worker = await extensionServiceWorker(context);
    const a = await context.newPage();
    await a.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await createVault(a);
    await sendOk(a, 'sync.signUp', {
      serverUrl: proxy.url,
      email: bob,
      password: MASTER_PASSWORD,
      deviceName: 'Bob laptop',
      inviteToken: server.invite(),
    });
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }

  // Now the server answers Bob's prelogin with Alice's salt (genuinely derived — for Alice).
  const aliceSalt = deriveKdfSalt({ identity: { origin: proxy.url, email: 'alice@example.org' }, generation: 2 });
  proxy.tamper = (kdf) => ({ ...kdf, salt: aliceSalt });
  const before = proxy.procedures.length;

  const page = await openPopup();
  const errors = watchErrors(page);
  await page.getByRole('button', { name: 'Log in to your sync server' }).click();
  await page.getByLabel('Server address').fill(proxy.url);
  await page.getByLabel('Email', { exact: true }).fill(bob);
  await page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
  await page.getByRole('button', { name: 'Log in to an existing account' }).click();

  const warning = page.getByTestId('unchecked-salt-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('role', 'alert');
  await expect(warning).toContainText("salt that Keyhold cannot check: it is not the one made from your email and this server's address");
  await expect(warning).toContainText('do not log in, and check your server');
  // Only the parameters were asked for: no auth key reached the server, nothing was downloaded.
  expect(proxy.procedures.slice(before)).toEqual(['account.prelogin']);
  await expect(page.getByRole('button', { name: 'Log in to an existing account' })).toBeVisible();

  // Going on is a separate choice, reachable by keyboard.
  const goOn = warning.getByRole('button', { name: 'Log in and move my account to a checked salt' });
  await goOn.focus();
  await expect(goOn).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(goOn).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(goOn).toBeFocused();

  // Readable in light and dark, also under the pointer (a hovered danger button once lost its background).
  await goOn.hover();
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
  expect(proxy.procedures.slice(before)).toEqual(['account.prelogin']);
  errors.check();
  proxy.tamper = null;
});
