// Moving in and out through the full-page vault, in real Chromium: a Chrome CSV, a Bitwarden JSON and
// a KeePass KDBX 4 file are imported through the import screen (format detected, preview, review,
// result; the KDBX login then fills on its site and shows its TOTP code), a login that is
// already there with another password is updated with the old password kept in its history, and a
// Keyhold encrypted export made in one browser imports into a second browser's empty vault with its
// export password — and not without it.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, launchWithExtension, extensionServiceWorker } from '../fixtures/extension.js';
import { createVault, sendOk, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';
import { watchErrors } from './vault-support.js';
import { chooseFromMenu, settle } from './autofill-support.js';
import { startTestSites } from '../fixtures/test-sites.js';
import { createDb, protectedText, saveDb } from '../../shared/test/import/_kdbx.ts';

type Row = { id: string; name: string };
type ListReply = { total: number; rows: Row[] };

const CHROME_CSV = [
  'name,url,username,password,note',
  'Forum,https://forum.example.org/login,reader@example.org,"pa,ss ""quoted""",first line',
  'Bank,https://bank.example.com/,acct-4471,B4nk-Secret!,',
].join('\r\n');

const EXPORT_PASSWORD = 'an export password for moving 42';

async function vaultPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/vault.html`);
  await expect(page.getByTestId('search')).toBeVisible();
  return page;
}

async function importFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, options: { password?: string } = {}): Promise<void> {
  await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Import', exact: true }).click();
  const screen = page.getByTestId('import-screen');
  await expect(screen).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(screen).toContainText('Detected:');
  if (options.password !== undefined) await page.getByLabel('File password', { exact: true }).fill(options.password);
  await screen.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await screen.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('import-review')).toBeVisible();
}

async function listAll(page: Page): Promise<ListReply> {
  return sendOk<ListReply>(page, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 100 });
}

test('a Chrome CSV and a Bitwarden JSON import through the vault page; an existing login is updated, its old password kept', async ({
  context,
  openPopup,
  extensionId,
}) => {
  const popup = await openPopup();
  await createVault(popup);
  const existing = loginItem('Bank', {
    username: 'acct-4471',
    password: 'old-bank-password',
    urls: [{ url: 'https://bank.example.com/', match: 'default' }],
  });
  await sendOk(popup, 'items.save', { item: existing });
  const page = await vaultPage(context, extensionId);
  const errors = watchErrors(page);

  await importFile(page, { name: 'Chrome Passwords.csv', mimeType: 'text/csv', buffer: Buffer.from(CHROME_CSV) });
  await expect(page.getByTestId('import-new-count')).toHaveText('1 new item');
  await expect(page.getByTestId('import-update-count')).toHaveText('1 login already in your vault with another password');
  await expect(page.getByLabel('Update them (the old password is kept in the history)')).toBeChecked();
  await page.getByRole('button', { name: 'Import 2 items' }).click();
  await expect(page.getByTestId('import-result')).toContainText('1 item added, 1 login updated');

  const names = (await listAll(page)).rows.map((r) => r.name).sort();
  expect(names).toEqual(['Bank', 'Forum']);
  const bank = await sendOk<{ item: { password: string; history: { value: string }[] } }>(page, 'items.get', { id: existing.id });
  expect(bank.item.password).toBe('B4nk-Secret!');
  expect(bank.item.history.map((h) => h.value)).toContain('old-bank-password');
  const forumId = (await listAll(page)).rows.find((r) => r.name === 'Forum')!.id;
  const forum = await sendOk<{ item: { username: string; password: string; notes: string } }>(page, 'items.get', { id: forumId });
  expect(forum.item).toMatchObject({ username: 'reader@example.org', password: 'pa,ss "quoted"', notes: 'first line' });

  // The same file again: everything is already there. The page is then left mid-import (reloaded):
  // nothing of that import is written.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByTestId('import-file').setInputFiles({ name: 'Chrome Passwords.csv', mimeType: 'text/csv', buffer: Buffer.from(CHROME_CSV) });
  await page.getByTestId('import-screen').getByRole('button', { name: 'Preview' }).click();
  await page.getByTestId('import-screen').getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('import-identical-count')).toHaveText('2 items already in your vault (skipped)');
  await page.reload();
  await expect(page.getByTestId('search')).toBeVisible();
  expect((await listAll(page)).total).toBe(2);

  // A Bitwarden JSON with a login holding a TOTP secret and a secure note.
  const bitwarden = {
    encrypted: false,
    folders: [{ id: 'f1', name: 'Work' }],
    items: [
      {
        id: 'b1',
        folderId: 'f1',
        type: 1,
        name: 'Tracker',
        notes: null,
        favorite: true,
        fields: [{ name: 'PIN', value: '2468', type: 1 }],
        login: { uris: [{ match: null, uri: 'https://tracker.example.net' }], username: 'dev', password: 'Tr4cker!', totp: 'JBSWY3DPEHPK3PXP' },
        revisionDate: '2025-01-02T03:04:05.000Z',
        creationDate: '2024-01-02T03:04:05.000Z',
      },
      { id: 'b2', folderId: null, type: 2, name: 'Door code', notes: '1234#', favorite: false, secureNote: { type: 0 } },
    ],
  };
  await importFile(page, { name: 'bitwarden_export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bitwarden)) });
  await expect(page.getByTestId('import-new-count')).toHaveText('2 new items');
  await page.getByRole('button', { name: 'Import 2 items' }).click();
  await expect(page.getByTestId('import-result')).toContainText('2 items added');
  const tracker = (await listAll(page)).rows.find((r) => r.name === 'Tracker')!;
  const opened = await sendOk<{ item: { totp: string; folder: string | null; favorite: boolean } }>(page, 'items.get', { id: tracker.id });
  expect(opened.item).toMatchObject({ folder: 'Work', favorite: true });
  expect(opened.item.totp).toContain('JBSWY3DPEHPK3PXP');
  errors.check();
});

test('a Keyhold encrypted export opens in a second browser with its export password only', async ({ context, openPopup, extensionId }) => {
  const popup = await openPopup();
  await createVault(popup);
  await sendOk(popup, 'items.import', {
    items: [
      loginItem('Mail', { username: 'me@example.com', password: 'M4il-Secret' }),
      loginItem('Shop', { username: 'buyer', password: 'Sh0p-Secret' }),
    ],
  });
  const page = await vaultPage(context, extensionId);
  await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Export', exact: true }).click();
  const screen = page.getByTestId('export-screen');
  await screen.getByLabel('Keyhold, encrypted (.json)').check();
  await page.getByLabel('Export password', { exact: true }).fill(EXPORT_PASSWORD);
  await page.getByLabel('Confirm export password', { exact: true }).fill(EXPORT_PASSWORD);
  await page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
  const [download] = await Promise.all([page.waitForEvent('download'), screen.getByRole('button', { name: 'Export', exact: true }).click()]);
  await expect(page.getByTestId('export-result')).toContainText('Exported 2 items');
  const file = readFileSync(await download.path());
  expect(file.toString('utf8')).not.toContain('M4il-Secret');

  const second = await launchWithExtension();
  try {
    const worker = await extensionServiceWorker(second.context);
    const otherId = new URL(worker.url()).host;
    const otherPopup = await second.context.newPage();
    await otherPopup.goto(`chrome-extension://${otherId}/popup.html`);
    await createVault(otherPopup, 'a different master password 77');
    const other = await vaultPage(second.context, otherId);
    await other.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Import', exact: true }).click();
    await other.getByTestId('import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
    await other.getByLabel('File password', { exact: true }).fill('not the export password');
    await other.getByTestId('import-screen').getByRole('button', { name: 'Preview' }).click();
    await expect(other.getByTestId('import-screen')).toContainText('Wrong password or damaged file');
    await other.getByLabel('File password', { exact: true }).fill(EXPORT_PASSWORD);
    await other.getByTestId('import-screen').getByRole('button', { name: 'Preview' }).click();
    await other.getByTestId('import-screen').getByRole('button', { name: 'Continue' }).click();
    await other.getByRole('button', { name: 'Import 2 items' }).click();
    await expect(other.getByTestId('import-result')).toContainText('2 items added');
    const rows = (await listAll(other)).rows;
    const mail = await sendOk<{ item: { password: string } }>(other, 'items.get', { id: rows.find((r) => r.name === 'Mail')!.id });
    expect(mail.item.password).toBe('M4il-Secret');
  } finally {
    await second.context.close();
  }
});

test('a KeePass KDBX 4 file imports with its password; the imported login fills on its site and its TOTP code shows', async ({
  context,
  openPopup,
  extensionId,
}) => {
  const sites = await startTestSites();
  try {
    const popup = await openPopup();
    await createVault(popup);
    const db = createDb('argon2id', { password: 'kdbx file password' });
    const group = db.createGroup(db.getDefaultGroup(), 'Servers');
    const entry = db.createEntry(group);
    entry.fields.set('Title', 'Local test site');
    entry.fields.set('UserName', 'kee-user');
    entry.fields.set('Password', protectedText('K33-Secret!'));
    entry.fields.set('URL', sites.httpIp.origin);
    entry.fields.set('otp', 'otpauth://totp/Local:kee-user?secret=JBSWY3DPEHPK3PXP&issuer=Local');
    const kdbx = Buffer.from(await saveDb(db));

    const page = await vaultPage(context, extensionId);
    const errors = watchErrors(page);
    await importFile(page, { name: 'Passwords.kdbx', mimeType: 'application/octet-stream', buffer: kdbx }, { password: 'kdbx file password' });
    await page.getByRole('button', { name: 'Import 1 item' }).click();
    await expect(page.getByTestId('import-result')).toContainText('1 item added');

    // The imported TOTP code shows in the item view.
    await page.getByTestId('item-row').filter({ hasText: 'Local test site' }).click();
    await expect(page.getByTestId('item-view').getByTestId('totp-code')).toHaveText(/\d{3}\s?\d{3}/);
    errors.check();

    // The imported login fills on its site through the inline menu.
    const site = await context.newPage();
    await site.goto(sites.httpIp.url('/autofill/login.html'));
    await settle(site);
    await chooseFromMenu(site, site, '#username', 'Local test site');
    await expect(site.locator('#username')).toHaveValue('kee-user');
    await expect(site.locator('#password')).toHaveValue('K33-Secret!');
  } finally {
    await sites.close();
  }
});
