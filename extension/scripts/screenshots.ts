// `npm run screenshots [-- LOCALE]`: loads the built extension into Chromium running in LOCALE (a
// folder of extension/public/_locales: en by default, de, ar, …), creates a vault with a few
// realistic demo items, and saves the main screens in light and dark to
// store-assets/screenshots/LOCALE/ (popup screens at the popup's 380×600, the full-page vault at
// 1280×800). Controls are found by the built catalogue's words for that locale, so the script
// walks the UI in any language the extension speaks.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { extensionServiceWorker, launchWithExtension } from '../../e2e/fixtures/extension.ts';
import { localeLaunchOptions } from '../../e2e/fixtures/locale.ts';
import { extensionDir } from '../../e2e/fixtures/paths.ts';
import { sendOk } from '../../e2e/fixtures/protocol.ts';
import { formatEntry, type Catalogue } from '../src/i18n/catalogue.ts';

const LOCALE = process.argv[2] ?? 'en';
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'store-assets', 'screenshots', LOCALE);

/** The built catalogue of LOCALE over the English one, as the browser falls back key by key. */
function loadMessages(): Catalogue {
  const read = (locale: string) => JSON.parse(readFileSync(join(extensionDir, '_locales', locale, 'messages.json'), 'utf8')) as Catalogue;
  if (!existsSync(join(extensionDir, '_locales', LOCALE)))
    throw new Error(`The build has no _locales/${LOCALE}: add the catalogue, then npm run build:chrome.`);
  return { ...read('en'), ...read(LOCALE) };
}
const catalogue = loadMessages();
/** A message of LOCALE, as the screen shows it. */
function m(key: string, ...substitutions: (string | number)[]): string {
  const entry = catalogue[key];
  if (!entry) throw new Error(`No message ${key} in the catalogue`);
  return formatEntry(entry, substitutions);
}
/** A field label inside a sentence ("Show password"), as the UI writes it (i18n/messages.ts labelInSentence). */
const inSentence = (label: string) => (m('meta_label_in_sentence') === 'lower' ? label.toLocaleLowerCase(LOCALE.replace('_', '-')) : label);
/** "Group 3 of your recovery key" in LOCALE, with the number captured. */
const groupLabel = new RegExp(
  `^${m('onboarding_recovery_confirm_group_n', '\u0000')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace('\u0000', '(\\d+)')}$`,
);
const MASTER = 'correct horse battery staple 42';
const POPUP = { width: 380, height: 600 };
const PAGE = { width: 1280, height: 800 };

type Demo = Record<string, unknown> & { type: string; name: string };

const DAY = 86_400_000;
const DEMO: Demo[] = [
  {
    type: 'login',
    name: 'GitHub',
    username: 'ada@example.com',
    password: 'v9#Lq2!mTz8@Rw4e',
    urls: [{ url: 'https://github.com', match: 'default' }],
    totp: 'JBSWY3DPEHPK3PXP',
    tags: ['work'],
    folder: 'Work',
    favorite: true,
  },
  {
    type: 'login',
    name: 'Google',
    username: 'ada.lovelace@gmail.com',
    password: 'Plum-Orchard-Velvet-1989',
    urls: [{ url: 'https://accounts.google.com', match: 'default' }],
    favorite: true,
  },
  {
    type: 'login',
    name: 'Amazon',
    username: 'ada@example.com',
    password: 'x7Yp!c2Kd9qL',
    urls: [{ url: 'https://www.amazon.com', match: 'default' }],
    tags: ['shopping'],
  },
  {
    type: 'login',
    name: 'Bank of Example',
    username: 'alovelace',
    password: 'Granite-Meadow-77',
    urls: [{ url: 'https://online.bank.example', match: 'host' }],
    folder: 'Finance',
    totp: 'GEZDGNBVGY3TQOJQ',
  },
  {
    type: 'login',
    name: 'Figma',
    username: 'ada@analytical.engineering',
    password: 'f!gm4-Dr4wing-B04rd',
    urls: [{ url: 'https://www.figma.com', match: 'default' }],
    tags: ['work', 'design'],
    folder: 'Work',
  },
  {
    type: 'login',
    name: 'Netflix',
    username: 'family@example.com',
    password: 'movie-night-4-all',
    urls: [{ url: 'https://www.netflix.com', match: 'default' }],
    tags: ['home'],
  },
  {
    type: 'login',
    name: 'Slack',
    username: 'ada@analytical.engineering',
    password: 'ch4nnel#general',
    urls: [{ url: 'https://app.slack.com', match: 'default' }],
    folder: 'Work',
  },
  {
    type: 'card',
    name: 'Travel Visa',
    cardholder: 'Ada Lovelace',
    brand: 'Visa',
    number: '4111 1111 1111 1111',
    expMonth: 9,
    expYear: 2029,
    securityCode: '737',
    folder: 'Finance',
  },
  {
    type: 'identity',
    name: 'Personal',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0000',
    addressLines: ['12 St James Square'],
    city: 'London',
    postalCode: 'SW1Y 4JH',
    country: 'GB',
  },
  {
    type: 'api-key',
    name: 'Stripe (live)',
    key: 'pk_live_51HxExample',
    secret: 'sk_live_51HxExampleSecret',
    serviceUrl: 'https://api.stripe.com',
    rotationDueOn: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
    folder: 'Work',
  },
  { type: 'note', name: 'Home Wi-Fi', text: 'Network: Lovelace-5G\nPassword: correct-horse-router\nRouter admin at 192.168.1.1' },
];

const TYPE_DEFAULTS: Record<string, Record<string, unknown>> = {
  login: { username: '', urls: [], extraUsernames: [], password: '', totp: '', notes: '', customFields: [] },
  note: { text: '' },
  card: { brand: '', cardholder: '', number: '', expMonth: null, expYear: null, securityCode: '', pin: '', notes: '' },
  identity: {
    email: '',
    title: '',
    firstName: '',
    middleName: '',
    lastName: '',
    phone: '',
    addressLines: [],
    city: '',
    region: '',
    postalCode: '',
    country: '',
    company: '',
    birthDate: null,
    notes: '',
  },
  'api-key': { serviceUrl: '', key: '', secret: '', expiresOn: null, rotationDueOn: null, notes: '' },
};

async function createVault(page: Page): Promise<void> {
  await page.getByLabel(m('onboarding_create_vault_master_password'), { exact: true }).fill(MASTER);
  await page.getByLabel(m('onboarding_create_vault_confirm_master_password'), { exact: true }).fill(MASTER);
  await page.getByRole('button', { name: m('onboarding_create_a_new_vault') }).click();
  await page.getByTestId('recovery-key').waitFor();
  const groups = await page.getByTestId('recovery-key').locator('.recovery-group').allTextContents();
  await page.getByLabel(m('onboarding_recovery_key_saved_check')).check();
  await page.getByRole('button', { name: m('common_continue') }).click();
  const label = await page.locator('label', { hasText: groupLabel }).textContent();
  const index = Number(groupLabel.exec(label ?? '')?.[1]) - 1;
  await page.getByLabel(groupLabel).fill(groups[index]!);
  await page.getByRole('button', { name: m('onboarding_recovery_confirm_and_open') }).click();
  await page.getByTestId('search').waitFor();
}

async function seed(page: Page): Promise<void> {
  const now = Date.now();
  for (const [i, demo] of DEMO.entries()) {
    const item = {
      id: crypto.randomUUID(),
      schemaVersion: 1,
      createdAt: now - (i + 3) * DAY,
      updatedAt: now - i * 3_600_000,
      tags: [],
      folder: null,
      favorite: false,
      trashedAt: null,
      history: [],
      ...TYPE_DEFAULTS[demo.type],
      ...demo,
    };
    await sendOk(page, 'items.save', { item });
  }
}

async function shot(page: Page, name: string): Promise<void> {
  // No toast over the screen; let fonts, transitions and the TOTP countdown settle.
  await page.getByTestId('toast').waitFor({ state: 'detached', timeout: 8_000 });
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`  ${name}.png`);
}

async function popupScreens(context: BrowserContext, base: string, theme: 'light' | 'dark'): Promise<void> {
  const page = await context.newPage();
  await page.setViewportSize(POPUP);
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(`${base}/popup.html`);
  await page.getByTestId('search').waitFor();
  await sendOk(page, 'settings.set', { theme });
  await page.evaluate((t) => localStorage.setItem('keyhold.theme', t), theme);
  await page.reload();
  await page.getByTestId('item-row').first().waitFor();
  await shot(page, `${theme}-list`);

  await page.getByTestId('search').fill('github');
  await page.locator('.item-row.active', { hasText: 'GitHub' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('totp-code').waitFor();
  await page.getByRole('button', { name: m('field_row_show', inSentence(m('common_password'))), exact: true }).click();
  await shot(page, `${theme}-item`);

  await page.getByRole('button', { name: m('common_edit') }).click();
  await page.getByLabel(m('common_password'), { exact: true }).waitFor();
  await shot(page, `${theme}-item-form`);
  await page
    .getByRole('button', { name: m('common_cancel') })
    .first()
    .click();
  await page.getByRole('button', { name: m('common_back') }).click();

  await page.getByRole('button', { name: m('list_password_generator') }).click();
  await page.getByTestId('generated-value').waitFor();
  await page.getByRole('button', { name: m('generator_panel_copy_generated_value'), exact: true }).click();
  await page.getByTestId('toast').waitFor();
  await page.getByTestId('generator-history-entry').first().waitFor();
  await shot(page, `${theme}-generator`);
  await page.getByRole('button', { name: m('common_back') }).click();

  await page.getByRole('button', { name: m('list_settings') }).click();
  await page.getByLabel(m('settings_preferences_theme'), { exact: true }).waitFor();
  await shot(page, `${theme}-settings`);
  await page.getByRole('button', { name: m('common_back') }).click();

  await page.getByRole('button', { name: m('list_lock') }).click();
  const unlockForm = page.locator('form', { has: page.locator('input[type=password]') }).first();
  await unlockForm.waitFor();
  await shot(page, `${theme}-unlock`);
  await unlockForm.locator('input[type=password]').fill(MASTER);
  await unlockForm.locator('button[type=submit]').click();
  await page.getByTestId('search').waitFor();
  await page.close();

  const vault = await context.newPage();
  await vault.setViewportSize(PAGE);
  await vault.emulateMedia({ colorScheme: theme });
  await vault.goto(`${base}/vault.html`);
  await vault.getByTestId('item-row').first().waitFor();
  await vault.getByRole('checkbox', { name: m('list_row_select', 'Figma') }).click();
  await vault.getByRole('checkbox', { name: m('list_row_select', 'Google') }).click();
  await vault.getByTestId('item-row').filter({ hasText: 'GitHub' }).click();
  await vault.getByTestId('totp-code').waitFor();
  await shot(vault, `${theme}-vault-page`);
  await vault.close();
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  console.log(`Screenshots in ${LOCALE}:`);
  const { context, profileDir } = await launchWithExtension(localeLaunchOptions(LOCALE));
  try {
    const worker = await extensionServiceWorker(context);
    const base = `chrome-extension://${new URL(worker.url()).host}`;
    const page = await context.newPage();
    await page.setViewportSize(POPUP);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}/popup.html`);
    await page.getByRole('heading', { name: m('onboarding_create_vault_welcome_to_keyhold') }).waitFor();
    await page.getByLabel(m('onboarding_create_vault_master_password'), { exact: true }).fill('short');
    await page.getByLabel(m('onboarding_create_vault_master_password'), { exact: true }).fill(MASTER);
    await page.locator('.strength-bar').waitFor();
    await shot(page, 'light-onboarding');
    await createVault(page);
    await seed(page);
    await page.close();
    for (const theme of ['light', 'dark'] as const) await popupScreens(context, base, theme);
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
