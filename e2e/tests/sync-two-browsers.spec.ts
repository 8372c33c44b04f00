// Sync end to end (docs/architecture.md, "Sync"; the two-browser scenarios): two Chromium profiles with the built extension and the REAL sync
// server process. Sign up on A, log in on B; edits travel; with the server stopped, A and B edit
// different fields of one item and both edits survive its restart; the same field becomes a
// conflict that is resolved; a deletion on A loses to an edit on B; A revokes B, and B is signed
// out with its vault locked. Set-up goes through the background's page-only sync messages (the
// same ones the Settings → Sync panel sends); the conflict is resolved in the popup's view.
import { test, expect } from '../fixtures/extension.js';
import { openBrowser, type Browser } from '../fixtures/browsers.js';
import { createVault, send, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { startSyncServer, type SyncServer } from '../fixtures/sync-server.js';
import { loginItem as login } from '../fixtures/items.js';

type Status = {
  connection: { email: string; deviceName: string; sessionId: string } | null;
  state: string;
  lastError: string | null;
  conflicts: number;
  pendingChanges: number;
};
type Item = Record<string, unknown> & { id: string; name: string };
type Page_ = { total: number; rows: { id: string; name: string }[] };

let server: SyncServer;
let accounts = 0;

test.beforeAll(async () => {
  server = await startSyncServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function itemNamed(b: Browser, name: string): Promise<Item | undefined> {
  const page = await sendOk<Page_>(b.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 100 });
  const row = page.rows.find((r) => r.name === name);
  return row ? (await sendOk<{ item: Item }>(b.page, 'items.get', { id: row.id })).item : undefined;
}

async function edit(b: Browser, name: string, fields: Record<string, unknown>): Promise<void> {
  const item = await itemNamed(b, name);
  expect(item, `${b.name} has ${name}`).toBeDefined();
  await sendOk(b.page, 'items.save', { item: { ...item, ...fields } });
}

const syncNow = (b: Browser) => sendOk<Status>(b.page, 'sync.now', {});

/** A with a new vault holding `items`, signed up on a fresh account; B logged in to it. */
async function twoBrowsers(items: Item[]): Promise<{ a: Browser; b: Browser; email: string }> {
  const email = `e2e${++accounts}-${Date.now()}@example.org`;
  const a = await openBrowser('A');
  const b = await openBrowser('B');
  await createVault(a.page);
  for (const item of items) await sendOk(a.page, 'items.save', { item });
  const signedUp = await sendOk<Status>(a.page, 'sync.signUp', {
    serverUrl: server.url,
    email,
    password: MASTER_PASSWORD,
    deviceName: 'Browser A',
    inviteToken: server.invite(),
  });
  expect(signedUp).toMatchObject({ state: 'idle', lastError: null, pendingChanges: 0 });
  const loggedIn = await sendOk<Status>(b.page, 'sync.logIn', { serverUrl: server.url, email, password: MASTER_PASSWORD, deviceName: 'Browser B' });
  expect(loggedIn).toMatchObject({ state: 'idle', lastError: null, connection: { email, deviceName: 'Browser B' } });
  return { a, b, email };
}

test('sign up on A, log in on B: B downloads and opens the vault, and an edit on A appears on B', async () => {
  const { a, b } = await twoBrowsers([login('GitHub', { password: 'gh-pw' }), login('Bank', { username: 'me' })]);
  try {
    expect(await sendOk<{ state: string; itemCount: number }>(b.page, 'vault.status')).toMatchObject({ state: 'unlocked', itemCount: 2 });
    expect((await itemNamed(b, 'GitHub'))?.password).toBe('gh-pw');
    // B's popup, reloaded, opens straight on the downloaded list.
    await b.page.reload();
    await expect(b.page.getByText('Bank', { exact: true })).toBeVisible();

    await edit(a, 'GitHub', { username: 'edited-on-A' });
    await syncNow(a);
    await syncNow(b);
    expect((await itemNamed(b, 'GitHub'))?.username).toBe('edited-on-A');
  } finally {
    await a.close();
    await b.close();
  }
});

test("what a sync brings shows at once in B's open views: Sync now in the popup, the open vault tab and item refresh in place", async () => {
  const { a, b } = await twoBrowsers([login('Mail', { username: 'old-mail-user' }), login('Forum')]);
  try {
    const tab = await b.context.newPage();
    await tab.goto(`chrome-extension://${new URL(b.page.url()).host}/vault.html`);
    await tab.getByTestId('item-row').filter({ hasText: 'Mail' }).click();
    await expect(tab.getByTestId('item-view')).toContainText('old-mail-user');
    await b.page.reload();
    const line = b.page.getByTestId('sync-line');
    await expect(line).toContainText(/Synced/);

    await edit(a, 'Mail', { username: 'new-mail-user' });
    await sendOk(a.page, 'items.save', { item: login('Added on A') });
    await syncNow(a);
    // One click in B's popup; neither view is reloaded.
    await line.getByRole('button', { name: 'Sync now' }).click();
    await expect(b.page.getByText('Added on A', { exact: true })).toBeVisible();
    await expect(tab.getByTestId('item-row').filter({ hasText: 'Added on A' })).toBeVisible();
    await expect(tab.getByTestId('item-view')).toContainText('new-mail-user');

    // A failing server is said there, with what went wrong.
    await server.stop();
    await line.getByRole('button', { name: 'Sync now' }).click();
    await expect(line).toContainText(/Not synced\..*cannot be reached/);
    await server.restart();
  } finally {
    await a.close();
    await b.close();
  }
});

test('with the server stopped, A and B edit different fields of one item; both edits are there after it restarts', async () => {
  const { a, b } = await twoBrowsers([login('Shared', { username: 'old-user', password: 'old-pw' })]);
  try {
    await server.stop();
    await edit(a, 'Shared', { username: 'user-from-A' });
    await edit(b, 'Shared', { password: 'pw-from-B' });
    const offline = await syncNow(a);
    expect(offline.state).toBe('failing');
    expect(offline.lastError).toMatch(/cannot be reached/);
    expect(offline.pendingChanges).toBe(1);
    await syncNow(b);
    await server.restart();

    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    for (const browser of [a, b]) {
      expect(await itemNamed(browser, 'Shared')).toMatchObject({ username: 'user-from-A', password: 'pw-from-B' });
      expect((await sendOk<Status>(browser.page, 'sync.status')).conflicts).toBe(0);
    }
  } finally {
    await a.close();
    await b.close();
  }
});

test('the same field edited on A and B is shown as a conflict with both values and resolved', async () => {
  const { a, b } = await twoBrowsers([login('Wiki', { notes: 'base' })]);
  try {
    await edit(a, 'Wiki', { notes: 'notes from A' });
    await edit(b, 'Wiki', { notes: 'notes from B' });
    await syncNow(a);
    const status = await syncNow(b);
    expect(status.conflicts).toBe(1);
    const { items } = await sendOk<{ items: { id: string; name: string; fields: string[] }[] }>(b.page, 'sync.conflicts');
    expect(items).toEqual([expect.objectContaining({ name: 'Wiki', fields: ['notes'] })]);
    const detail = await sendOk<{ conflicts: { field: string; local: unknown; remote: unknown }[] }>(b.page, 'sync.conflict', { id: items[0]!.id });
    expect(detail.conflicts).toEqual([expect.objectContaining({ field: 'notes', local: 'notes from B', remote: 'notes from A' })]);

    // Resolved the way a person does it: the badge in the popup, the item, the other device's value.
    await b.page.reload();
    await b.page.getByTestId('sync-conflict-badge').click();
    await b.page.getByRole('button', { name: /Wiki/ }).click();
    const conflict = b.page.getByTestId('sync-conflict');
    await expect(conflict).toContainText('notes from A');
    await expect(conflict).toContainText('notes from B');
    await conflict.getByRole('radio', { name: /Other device/ }).check();
    await conflict.getByRole('button', { name: 'Keep the chosen values' }).click();
    await expect.poll(async () => (await sendOk<Status>(b.page, 'sync.status')).conflicts).toBe(0);
    await syncNow(b);
    await syncNow(a);
    for (const browser of [a, b]) {
      expect((await itemNamed(browser, 'Wiki'))?.notes).toBe('notes from A');
      expect((await sendOk<Status>(browser.page, 'sync.status')).conflicts).toBe(0);
    }
  } finally {
    await a.close();
    await b.close();
  }
});

test('delete on A while B edits: the edit is kept and the item is back on A', async () => {
  const { a, b } = await twoBrowsers([login('Mail', { username: 'before' })]);
  try {
    const id = (await itemNamed(a, 'Mail'))!.id;
    await sendOk(a.page, 'items.deleteForever', { ids: [id] });
    await edit(b, 'Mail', { username: 'edited-on-B' });
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    for (const browser of [a, b]) {
      const item = await itemNamed(browser, 'Mail');
      expect(item?.username).toBe('edited-on-B');
      expect((item?.history as { reason: string }[]).some((entry) => entry.reason === 'deleted-edit')).toBe(true);
    }
  } finally {
    await a.close();
    await b.close();
  }
});

test('A revokes B: B is logged out at its next sync and its local vault stays locked', async () => {
  const { a, b } = await twoBrowsers([login('Secret')]);
  try {
    const { devices } = await sendOk<{ devices: { id: string; deviceName: string; current: boolean }[] }>(a.page, 'sync.devices');
    expect(devices.map((d) => d.deviceName).sort()).toEqual(['Browser A', 'Browser B']);
    await sendOk(a.page, 'sync.revokeDevice', { sessionId: devices.find((d) => d.deviceName === 'Browser B')!.id });

    const after = await syncNow(b);
    expect(after).toMatchObject({ connection: null, state: 'off', lastError: expect.stringMatching(/signed out of sync/) });
    expect((await sendOk<{ state: string }>(b.page, 'vault.status')).state).toBe('locked');
    expect((await send(b.page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).ok).toBe(false);
    // B's popup shows the lock screen, and the vault is B's own: its master password opens it.
    await b.page.reload();
    await expect(b.page.getByLabel('Master password', { exact: true })).toBeVisible();
    await sendOk(b.page, 'vault.unlock', { password: MASTER_PASSWORD });
    expect((await sendOk<Status>(b.page, 'sync.status')).connection).toBeNull();
  } finally {
    await a.close();
    await b.close();
  }
});
