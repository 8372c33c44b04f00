// Sync across browsers (docs/architecture.md, "Sync"): Firefox on one side, Chromium on the other,
// both with the built extension, and the REAL sync server process. Sign up in Firefox, log in in
// Chromium: Chromium downloads and opens the vault, and edits travel both ways; the same field edited
// on both becomes a conflict that is resolved in Firefox's popup.
import { rmSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import type { BrowserContext, Page as ChromiumPage } from '@playwright/test';
import type { ElementHandle, Page as FirefoxPage } from 'puppeteer-core';
import { launchWithExtension, extensionServiceWorker } from '../../fixtures/extension.js';
import { sendOk as chromiumSendOk, MASTER_PASSWORD } from '../../fixtures/protocol.js';
import { startSyncServer, type SyncServer } from '../../fixtures/sync-server.js';
import { loginItem } from '../../fixtures/items.js';
import { launchFirefox, reloadExtensionPage, sendOk as firefoxSendOk, type FirefoxWithExtension } from '../fixtures/firefox.js';
import { clickButton, waitForTestId } from '../fixtures/popup-ui.js';

type Status = { connection: { email: string; deviceName: string } | null; state: string; lastError: string | null; conflicts: number };
type Item = Record<string, unknown> & { id: string; name: string };
type Side = { name: string; send<T>(type: string, request?: unknown): Promise<T> };

let server: SyncServer;
let firefox: FirefoxWithExtension;
let firefoxPage: FirefoxPage;
let chromium: { context: BrowserContext; profileDir: string; page: ChromiumPage };
let ff: Side;
let cr: Side;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startSyncServer();
  firefox = await launchFirefox();
  firefoxPage = await firefox.openExtensionPage('popup.html');
  const { context, profileDir } = await launchWithExtension();
  const worker = await extensionServiceWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  chromium = { context, profileDir, page };
  ff = { name: 'Firefox', send: (type, request) => firefoxSendOk(firefoxPage, type, request) };
  cr = { name: 'Chromium', send: (type, request) => chromiumSendOk(chromium.page, type, request) };
});
test.afterAll(async () => {
  await firefox?.close();
  if (chromium) {
    await chromium.context.close();
    rmSync(chromium.profileDir, { recursive: true, force: true });
  }
  await server?.dispose();
});

async function itemNamed(side: Side, name: string): Promise<Item | undefined> {
  const listed = await side.send<{ rows: { id: string; name: string }[] }>('items.list', {
    filter: { kind: 'all' },
    query: '',
    offset: 0,
    limit: 100,
  });
  const row = listed.rows.find((r) => r.name === name);
  return row ? (await side.send<{ item: Item }>('items.get', { id: row.id })).item : undefined;
}

async function edit(side: Side, name: string, fields: Record<string, unknown>): Promise<void> {
  const item = await itemNamed(side, name);
  expect(item, `${side.name} has ${name}`).toBeDefined();
  await side.send('items.save', { item: { ...item, ...fields } });
}

const syncNow = (side: Side) => side.send<Status>('sync.now', {});

test('sign up in Firefox, log in in Chromium: Chromium opens the vault, and edits travel both ways', async () => {
  const email = `firefox-${Date.now()}@example.org`;
  await ff.send('vault.create', { password: MASTER_PASSWORD });
  await ff.send('vault.confirmRecovery');
  for (const item of [loginItem('GitHub', { password: 'gh-pw' }), loginItem('Wiki', { notes: 'base' })]) await ff.send('items.save', { item });
  const signedUp = await ff.send<Status>('sync.signUp', {
    serverUrl: server.url,
    email,
    password: MASTER_PASSWORD,
    deviceName: 'Firefox',
    inviteToken: server.invite(),
  });
  expect(signedUp).toMatchObject({ state: 'idle', lastError: null });
  const loggedIn = await cr.send<Status>('sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'Chromium' });
  expect(loggedIn).toMatchObject({ state: 'idle', lastError: null, connection: { email, deviceName: 'Chromium' } });
  expect(await cr.send('vault.status')).toMatchObject({ state: 'unlocked', itemCount: 2 });
  expect((await itemNamed(cr, 'GitHub'))?.password).toBe('gh-pw');

  await edit(ff, 'GitHub', { username: 'edited-in-firefox' });
  await edit(cr, 'Wiki', { username: 'edited-in-chromium' });
  await syncNow(ff);
  await syncNow(cr);
  await syncNow(ff);
  for (const side of [ff, cr]) {
    expect((await itemNamed(side, 'GitHub'))?.username, side.name).toBe('edited-in-firefox');
    expect((await itemNamed(side, 'Wiki'))?.username, side.name).toBe('edited-in-chromium');
  }
});

test("the same field edited in both browsers is a conflict, resolved in Firefox's popup", async () => {
  await edit(cr, 'Wiki', { notes: 'notes from Chromium' });
  await edit(ff, 'Wiki', { notes: 'notes from Firefox' });
  await syncNow(cr);
  expect((await syncNow(ff)).conflicts).toBe(1);

  await reloadExtensionPage(firefoxPage);
  await (await waitForTestId(firefoxPage, 'sync-conflict-badge')).click();
  await clickButton(firefoxPage, /Wiki/);
  const conflict = await waitForTestId(firefoxPage, 'sync-conflict');
  const text = await conflict.evaluate((e) => e.textContent ?? '');
  expect(text).toContain('notes from Chromium');
  expect(text).toContain('notes from Firefox');
  const otherDevice = (await firefoxPage.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLInputElement>('[data-testid="sync-conflict"] input[type="radio"]')).find((r) =>
        /Other device/.test(r.closest('label')?.textContent ?? ''),
      ) ?? null,
  )) as ElementHandle<HTMLInputElement>;
  await otherDevice.click();
  await clickButton(firefoxPage, 'Keep the chosen values');
  await expect.poll(async () => (await ff.send<Status>('sync.status')).conflicts).toBe(0);
  await syncNow(ff);
  await syncNow(cr);
  for (const side of [ff, cr]) {
    expect((await itemNamed(side, 'Wiki'))?.notes, side.name).toBe('notes from Chromium');
    expect((await side.send<Status>('sync.status')).conflicts, side.name).toBe(0);
  }
});
