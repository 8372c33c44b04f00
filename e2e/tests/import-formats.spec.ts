// One file of every import format through the vault page's import screen, in real Chromium: the
// format is detected from the file (chosen by hand for the generic CSV, whose columns are then
// mapped), the file's password is asked where it has one, and what lands in the vault is what the
// format's parser reads in Node from the same bytes — same names, same count. The files are the
// importer tests' fixtures, written in each vendor's documented export shape; the zips are packed
// the way the vendors pack them.
import { strToU8, zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { parseImportFile, IMPORT_FORMATS, type ImportFormatId, type ParseFileOptions } from '../../shared/src/import/registry.ts';
import { readFileSync } from 'node:fs';
import { protectedExport } from '../../shared/test/import/_bitwarden-encrypt.ts';
import { createDb, protectedText, saveDb } from '../../shared/test/import/_kdbx.ts';
import { test, expect } from '../fixtures/extension.js';
import { createVault, sendOk } from '../fixtures/protocol.js';
import { watchErrors } from './vault-support.js';

const FIXTURES = new URL('../../shared/test/import/fixtures/', import.meta.url);
const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

type Case = {
  format: ImportFormatId;
  name: string;
  bytes: () => Promise<Uint8Array> | Uint8Array;
  password?: string;
  /** The generic CSV: chosen by hand, then each Keyhold field mapped to a column. */
  mapping?: Record<string, string>;
};

const BITWARDEN_PASSWORD = 'bitwarden export password ✓';
const KDBX_PASSWORD = 'kdbx 3.1 password';

async function kdbx31(): Promise<Uint8Array> {
  const db = createDb('aes-v3', { password: KDBX_PASSWORD });
  const group = db.createGroup(db.getDefaultGroup(), 'Servers');
  const entry = db.createEntry(group);
  entry.fields.set('Title', 'Router admin');
  entry.fields.set('UserName', 'admin');
  entry.fields.set('Password', protectedText('R0uter-Secret!'));
  entry.fields.set('URL', 'https://router.example.lan');
  return saveDb(db);
}

const CASES: Case[] = [
  { format: 'bitwarden-json', name: 'bitwarden_export.json', bytes: () => fixtureBytes('bitwarden-personal.json') },
  {
    format: 'bitwarden-json',
    name: 'bitwarden_encrypted_export.json',
    password: BITWARDEN_PASSWORD,
    bytes: async () => {
      const { envelope } = await protectedExport(fixtureText('bitwarden-personal.json'), BITWARDEN_PASSWORD, { kdfType: 0, kdfIterations: 5000 });
      return strToU8(JSON.stringify(envelope));
    },
  },
  { format: 'bitwarden-csv', name: 'bitwarden_export.csv', bytes: () => fixtureBytes('bitwarden.csv') },
  { format: 'chromium-csv', name: 'Chrome Passwords.csv', bytes: () => fixtureBytes('chrome.csv') },
  { format: 'firefox-csv', name: 'logins.csv', bytes: () => fixtureBytes('firefox.csv') },
  { format: 'safari-csv', name: 'Passwords.csv', bytes: () => fixtureBytes('safari.csv') },
  { format: 'lastpass-csv', name: 'lastpass_export.csv', bytes: () => fixtureBytes('lastpass.csv') },
  { format: '1password-csv', name: '1PasswordExport.csv', bytes: () => fixtureBytes('1password.csv') },
  {
    format: '1password-1pux',
    name: '1PasswordExport.1pux',
    bytes: () =>
      zipSync({
        'export.attributes': strToU8(JSON.stringify({ version: 3, description: '1Password Unencrypted Export', createdAt: 1710000000 })),
        'export.data': fixtureBytes('1pux-export.data.json'),
      }),
  },
  { format: 'keepassxc-csv', name: 'keepassxc.csv', bytes: () => fixtureBytes('keepassxc.csv') },
  { format: 'kdbx', name: 'Database.kdbx', password: KDBX_PASSWORD, bytes: kdbx31 },
  { format: 'proton-pass-json', name: 'Proton Pass_export.json', bytes: () => fixtureBytes('proton-pass.json') },
  {
    format: 'proton-pass-zip',
    name: 'Proton Pass_export.zip',
    bytes: () => zipSync({ 'Proton Pass/data.json': fixtureBytes('proton-pass.json') }),
  },
  { format: 'dashlane-csv', name: 'credentials.csv', bytes: () => fixtureBytes('dashlane-credentials.csv') },
  {
    format: 'dashlane-zip',
    name: 'dashlane-export.zip',
    bytes: () =>
      zipSync({
        'credentials.csv': fixtureBytes('dashlane-credentials.csv'),
        'payments.csv': fixtureBytes('dashlane-payments.csv'),
        'securenotes.csv': fixtureBytes('dashlane-securenotes.csv'),
      }),
  },
  {
    format: 'generic-csv',
    name: 'passwords (semicolons).csv',
    bytes: () => fixtureBytes('generic.csv'),
    mapping: { Name: 'Site', Website: 'Web', Username: 'Login', Password: 'Secret', Notes: 'Comment' },
  },
];

type ListReply = { total: number; rows: { id: string; name: string }[] };

/** Every item, the trashed ones too (an export's trash is imported into the trash). */
async function rowsInVault(page: Page): Promise<ListReply['rows']> {
  const list = (kind: string) => sendOk<ListReply>(page, 'items.list', { filter: { kind }, query: '', offset: 0, limit: 1000 });
  return [...(await list('all')).rows, ...(await list('trash')).rows];
}

/** Empties the vault (trash, then delete forever) so each format is compared on its own. */
async function emptyVault(page: Page): Promise<void> {
  const ids = (await rowsInVault(page)).map((r) => r.id);
  if (ids.length === 0) return;
  await sendOk(page, 'items.trash', { ids });
  await sendOk(page, 'items.deleteForever', { ids });
}

test('every import format goes through the import screen and lands as its parser reads it', async ({ context, openPopup, extensionId }) => {
  test.setTimeout(240_000);
  const popup = await openPopup();
  await createVault(popup);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/vault.html`);
  await expect(page.getByTestId('search')).toBeVisible();
  const errors = watchErrors(page);
  const screen = page.getByTestId('import-screen');

  for (const c of CASES) {
    await test.step(`${c.format}: ${c.name}`, async () => {
      const bytes = await c.bytes();
      const options: ParseFileOptions = c.password ? { password: c.password } : {};
      if (c.mapping) {
        const byLabel: Record<string, string> = { Name: 'name', Website: 'url', Username: 'username', Password: 'password', Notes: 'notes' };
        options.mapping = Object.fromEntries(Object.entries(c.mapping).map(([label, column]) => [byLabel[label], column]));
      }
      const expected = (await parseImportFile(c.format, bytes, options)).items.map((i) => i.name || '(no name)').sort();
      expect(expected.length).toBeGreaterThan(0);

      await emptyVault(page);
      if (!(await screen.isVisible()))
        await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Import', exact: true }).click();
      await expect(screen).toBeVisible();
      await page.getByTestId('import-file').setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
      if (c.mapping) {
        await expect(screen).toContainText('Keyhold cannot tell which manager made this file');
        await screen.getByLabel('Format', { exact: true }).selectOption(c.format);
        for (const [label, column] of Object.entries(c.mapping)) await screen.getByLabel(label, { exact: true }).selectOption(column);
      } else {
        await expect(screen).toContainText(`Detected: ${IMPORT_FORMATS[c.format].label}`);
      }
      if (c.password !== undefined) {
        // The password-protected Bitwarden file asks for its password only once it is read.
        if (c.format === 'bitwarden-json') await screen.getByRole('button', { name: 'Preview' }).click();
        await page.getByLabel('File password', { exact: true }).fill(c.password);
      }
      await screen.getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByTestId('import-preview')).toBeVisible();
      await screen.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByTestId('import-review')).toBeVisible();
      await page.getByRole('button', { name: /^Import [\d,]+ items?$/ }).click();
      await expect(page.getByTestId('import-result')).toContainText(`${expected.length} item${expected.length === 1 ? '' : 's'} added`);
      expect((await rowsInVault(page)).map((r) => r.name).sort()).toEqual(expected);
      await page.getByRole('button', { name: 'Import another file' }).click();
    });
  }
  errors.check();
});
