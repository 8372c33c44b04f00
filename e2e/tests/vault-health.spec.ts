// Vault health in the built extension in real Chromium, against a local range server (never the
// internet): the endpoint set in Settings, the opt-in, a run that finds breached, reused, weak and
// old logins, an entry opening its item, the change-password link, only 5-hex-digit prefixes on
// the wire, a run cancelled mid-way, and the popup's badge — with no console errors.
import { randomUUID } from 'node:crypto';
import { test, expect } from '../fixtures/extension.js';
import { sendOk } from '../fixtures/protocol.js';
import { startRangeServer, type RangeServer } from '../fixtures/range-server.js';
import { popupWithVault, watchErrors } from './vault-support.js';

const YEAR = 365 * 24 * 60 * 60 * 1000;
const SHARED = 'tangerine-Velvet-orbit-58-quarry';

function login(name: string, password: string, url: string, createdAt = Date.now()): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: 'login',
    schemaVersion: 1,
    createdAt,
    updatedAt: createdAt,
    name,
    tags: [],
    folder: null,
    favorite: false,
    trashedAt: null,
    username: `${name.toLowerCase()}-user`,
    urls: [{ url, match: 'default' }],
    extraUsernames: [],
    password,
    totp: '',
    notes: '',
    customFields: [],
    history: [],
  };
}

let range: RangeServer;
test.beforeEach(async () => {
  range = await startRangeServer({ 'password123!': 4242 });
});
test.afterEach(async () => {
  await range.close();
});

test('vault health: opt in, run, see every kind of problem, open an item, cancel a run, and the popup badge', async ({
  context,
  openPopup,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const { page: popup, errors: popupErrors } = await popupWithVault(openPopup);
  await sendOk(popup, 'items.import', {
    items: [
      login('GitHub', 'password123!', 'https://github.com/login'),
      login('Mail', SHARED, 'https://mail.example/'),
      login('Forum', SHARED, 'https://forum.example/'),
      login('Blog', 'abc123', 'https://blog.example/'),
      login('Archive', 'Quiet-harbor-77-lantern-Mosaic', 'https://archive.example/', Date.now() - 2 * YEAR),
      login('Fine', 'Zebra-cactus-91-violet-Anchor!', 'https://fine.example/'),
    ],
  });

  const vault = await context.newPage();
  const errors = watchErrors(vault);
  await vault.goto(`chrome-extension://${extensionId}/vault.html`);
  await expect(vault.getByTestId('search')).toBeVisible();

  // The endpoint, in Settings.
  await vault.getByRole('button', { name: 'Settings' }).click();
  const address = vault.getByLabel('Breach check address');
  await expect(address).toHaveValue('https://api.pwnedpasswords.com');
  await address.fill(range.url);
  await vault.getByRole('button', { name: 'Save address' }).click();
  await expect(vault.getByText('Breach check address saved')).toBeVisible();

  // Vault health, from the sidebar: nothing has run, breach checks are off until the user opts in.
  await vault.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Vault health' }).click();
  const screen = vault.getByTestId('health-screen');
  await expect(screen.getByTestId('health-empty')).toBeVisible();
  await expect(screen.getByText(/sends only the first 5 characters of its SHA-1 hash/)).toBeVisible();
  await expect(screen.getByTestId('breach-state')).toHaveText(/Breach checks are off/);
  await screen.getByRole('button', { name: 'Turn on breach checks' }).click();
  await expect(screen.getByTestId('breach-state')).toHaveText('Breach checks are on, through 127.0.0.1:' + new URL(range.url).port + '.');
  expect(range.requests).toEqual([]);

  await screen.getByRole('button', { name: 'Check now' }).click();
  await expect(screen.getByTestId('health-finished')).toBeVisible({ timeout: 60_000 });

  const section = (name: string) => screen.getByTestId(`health-section-${name}`);
  await expect(section('breached').getByTestId('health-entry')).toHaveCount(1);
  await expect(section('breached').getByTestId('health-entry')).toContainText('GitHub');
  await expect(section('breached')).toContainText('seen 4,242 times in breaches');
  await expect(section('reused').getByTestId('health-entry')).toHaveText([/Forum|Mail/, /Forum|Mail/]);
  await expect(section('reused')).toContainText('The same password in 2 logins');
  await expect(section('weak').getByTestId('health-entry').filter({ hasText: 'Blog' })).toHaveCount(1);
  await expect(section('weak').getByTestId('health-entry').filter({ hasText: 'Fine' })).toHaveCount(0);
  await expect(section('old').getByTestId('health-entry')).toHaveCount(1);
  await expect(section('old').getByTestId('health-entry')).toContainText('Archive');

  // Only 5-hex-digit prefixes left the browser, each padded; no password, no suffix, no cookie.
  expect(range.requests.length).toBeGreaterThan(0);
  for (const request of range.requests) {
    expect(request.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
    expect(request.headers['add-padding']).toBe('true');
    expect(request.headers.cookie).toBeUndefined();
    expect(JSON.stringify(request)).not.toMatch(/password123|tangerine|abc123/);
  }

  // The change-password link: Apple's data for github.com; the well-known URL elsewhere.
  await expect(section('breached').getByTestId('health-change-password')).toHaveAttribute('href', 'https://github.com/settings/security');
  await expect(section('weak').getByTestId('health-entry').filter({ hasText: 'Blog' }).getByTestId('health-change-password')).toHaveAttribute(
    'href',
    'https://blog.example/.well-known/change-password',
  );

  // Keyboard: arrows move between entries; Enter opens the item; Escape comes back.
  await section('breached')
    .getByRole('button', { name: /GitHub/ })
    .focus();
  await vault.keyboard.press('ArrowDown');
  await expect(vault.locator('.health-open:focus')).toContainText(/Forum|Mail/);
  await vault.keyboard.press('ArrowUp');
  await vault.keyboard.press('Enter');
  await expect(vault.getByTestId('item-view')).toContainText('GitHub');
  await vault.keyboard.press('Escape');
  await expect(screen).toBeVisible();

  // A run on a bigger vault, cancelled mid-way: progress shows, then it stops asking.
  await sendOk(popup, 'items.import', {
    items: Array.from({ length: 200 }, (_, i) => login(`Bulk ${i}`, `bulk-${i}-${randomUUID()}`, `https://bulk${i}.example/`)),
  });
  range.delayMs = 150;
  await screen.getByRole('button', { name: 'Check again' }).click();
  await expect(screen.getByTestId('health-progress')).toHaveText(/Asking about breaches: \d+ of/, { timeout: 60_000 });
  await expect(screen.getByRole('progressbar', { name: 'Vault health progress' })).toBeVisible();
  await screen.getByRole('button', { name: 'Cancel' }).click();
  await expect(screen.getByTestId('health-cancelled')).toBeVisible();
  const asked = range.requests.length;
  await vault.waitForTimeout(800);
  expect(range.requests.length).toBeLessThanOrEqual(asked + 4);
  // The last finished report is still shown.
  await expect(section('breached').getByTestId('health-entry')).toContainText('GitHub');

  // The popup's badge: the summary of the last report (5 logins at risk), and it opens the report.
  await popup.reload();
  const badge = popup.getByTestId('health-badge');
  await expect(badge).toHaveText(/5 logins at risk/);
  await badge.click();
  await expect(popup.getByTestId('health-screen').getByTestId('health-section-breached')).toContainText('GitHub');

  errors.check();
  popupErrors.check();
});
