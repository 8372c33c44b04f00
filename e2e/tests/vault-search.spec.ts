// Search and keyboard use of the popup list: typing searches at once (typos tolerated), results are
// ranked by name, username, domain and tags, the arrows move, Enter opens, Escape comes back.
import { test, expect, tabIdForUrl } from '../fixtures/extension.js';
import { startTestSites } from '../fixtures/test-sites.js';
import { sendOk } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';
import { importLogins, MASTER, popupWithVault, seedLogins, unlock, watchErrors } from './vault-support.js';

test('search ranks and tolerates typos; the keyboard drives the list', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await seedLogins(page, [
    { name: 'GitHub', username: 'octo@example.com', url: 'https://github.com', tags: ['work'] },
    { name: 'GitLab', username: 'octo', url: 'https://gitlab.com' },
    { name: 'Crédit Mutuel', username: 'jean', url: 'https://www.creditmutuel.fr', tags: ['finance'] },
    { name: 'Mail', username: 'github-bot@mail.test', url: 'https://mail.test' },
    { name: 'Shop', username: 'me', url: 'https://shop.example', tags: ['github'] },
  ]);
  await page.reload();
  const search = page.getByTestId('search');
  await expect(search).toBeFocused();
  const list = page.getByTestId('item-list');
  const names = () => page.locator('[data-testid="item-list"] [data-testid="item-row"] .row-name').allTextContents();
  await expect(page.getByTestId('item-row')).toHaveCount(5);

  // Typing anywhere in the popup's search field searches; the painted sequence number follows.
  const seqBefore = Number(await list.getAttribute('data-search-seq'));
  await page.keyboard.type('github');
  await expect(list).toHaveAttribute('data-search-seq', String(seqBefore + 6));
  expect(await names()).toEqual(['GitHub', 'Mail', 'Shop']);

  // A transposition typo still finds it.
  await search.fill('gihtub');
  await expect.poll(names).toContain('GitHub');
  expect((await names())[0]).toBe('GitHub');

  // Accents are ignored, and domains are searched.
  await search.fill('credit');
  await expect.poll(names).toEqual(['Crédit Mutuel']);
  await search.fill('gitlab.com');
  await expect.poll(names).toEqual(['GitLab']);
  await search.fill('zzzz');
  await expect(page.getByText('No items match “zzzz”.')).toBeVisible();

  // Keyboard: the first result is active; arrows move; Enter opens; Escape comes back to the list.
  await search.fill('git');
  await expect.poll(names).toEqual(['GitHub', 'GitLab', 'Mail', 'Shop']);
  await expect(page.locator('.item-row.active .row-name')).toHaveText('GitHub');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.item-row.active .row-name')).toHaveText('GitLab');
  await expect(search).toHaveAttribute('aria-activedescendant', 'items-row-1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'GitLab' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('git');
  errors.check();
});

test('a long list renders only the rows in view and loads the rest as it scrolls', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  const names = Array.from({ length: 1500 }, (_, i) => `Site ${String(i).padStart(4, '0')}`);
  await importLogins(
    page,
    names.map((name, i) => ({ name, username: `user${i}@example.com` })),
  );
  await page.reload();
  const list = page.getByTestId('item-list');
  await expect(list).toHaveAttribute('data-total', '1500');
  expect(await page.getByTestId('item-row').count()).toBeLessThan(40);

  // The keyboard reaches the end; the rows there are fetched and rendered on the way.
  await page.keyboard.press('Control+End');
  await expect(page.locator('.item-row.active .row-name')).toHaveText('Site 1499');
  expect(await page.getByTestId('item-row').count()).toBeLessThan(40);

  // Scrolling to the middle shows the rows there, never placeholders for long.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(page.getByTestId('item-row').filter({ hasText: 'Site 0750' })).toBeVisible();
  await expect(page.getByTestId('item-row-placeholder')).toHaveCount(0);
  errors.check();
});

test('the current site’s logins are suggested on top, and Enter on the first opens it', async ({
  context,
  serviceWorker,
  extensionId,
  openPopup,
}) => {
  const sites = await startTestSites();
  try {
    const { page: setup } = await popupWithVault(openPopup);
    await seedLogins(setup, [
      { name: 'Local test site', username: 'tester', url: sites.httpsLocalhost.origin },
      { name: 'Elsewhere', username: 'nobody', url: 'https://elsewhere.example' },
    ]);
    const site = await context.newPage();
    await site.goto(sites.httpsLocalhost.url('/'));
    const tabId = await tabIdForUrl(serviceWorker, sites.httpsLocalhost.url('/'));

    // popup.html?tabId=N stands in for the toolbar popup opened on that tab.
    const popup = await context.newPage();
    const errors = watchErrors(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    const suggestions = popup.getByTestId('suggestions');
    await expect(popup.getByRole('heading', { name: 'Suggested for localhost' })).toBeVisible();
    await expect(suggestions.getByTestId('item-row')).toHaveCount(1);
    await expect(suggestions.getByTestId('item-row')).toContainText('Local test site');
    await expect(popup.locator('.item-row.active .row-name')).toHaveText('Local test site');
    await popup.keyboard.press('Enter');
    await expect(popup.getByRole('heading', { name: 'Local test site' })).toBeVisible();

    // Searching hides the suggestions and searches the whole vault.
    await popup.keyboard.press('Escape');
    await popup.getByTestId('search').fill('elsewhere');
    await expect(suggestions).toHaveCount(0);
    await expect(popup.locator('[data-testid="item-list"] [data-testid="item-row"]')).toHaveCount(1);
    errors.check();
  } finally {
    await sites.close();
  }
});

test('unlocking answers with what opening the popup shows: the site’s suggestions and the first page', async ({
  context,
  serviceWorker,
  extensionId,
  openPopup,
}) => {
  const sites = await startTestSites();
  try {
    const { page: setup } = await popupWithVault(openPopup);
    // Enough items for a second page, three of them for this site (one by a regular expression).
    await importLogins(
      setup,
      Array.from({ length: 150 }, (_, i) => ({ name: `Other ${String(i).padStart(3, '0')}`, url: `https://other${i}.example` })),
    );
    await seedLogins(setup, [
      { name: 'Local test site', username: 'tester', url: sites.httpsLocalhost.origin },
      { name: 'Local admin', username: 'admin', url: sites.httpsLocalhost.url('/admin') },
    ]);
    await sendOk(setup, 'items.save', { item: loginItem('Any localhost', { urls: [{ url: 'https://localhost(:\\d+)?/.*', match: 'regex' }] }) });
    const site = await context.newPage();
    await site.goto(sites.httpsLocalhost.url('/'));
    const tabId = await tabIdForUrl(serviceWorker, sites.httpsLocalhost.url('/'));

    type Open = {
      status: { state: string; itemCount: number };
      suggestions: { name: string }[];
      page: { total: number; rows: unknown[] };
      pageUrl: string;
    };
    await sendOk(setup, 'vault.lock');
    const unlocked = await sendOk<Open>(setup, 'vault.unlock', { password: MASTER, limit: 100, tabId });
    const opened = await sendOk<Open>(setup, 'popup.open', { limit: 100, tabId });
    expect(unlocked).toEqual(opened);
    expect(unlocked.status).toMatchObject({ state: 'unlocked', itemCount: 153 });
    expect(unlocked.page.total).toBe(153);
    expect(unlocked.page.rows).toHaveLength(100);
    expect(unlocked.suggestions.map((s) => s.name).sort()).toEqual(['Any localhost', 'Local admin', 'Local test site']);

    // Through the popup on that tab: the suggestions are there as soon as the unlock screen goes.
    await sendOk(setup, 'vault.lock');
    const popup = await context.newPage();
    const errors = watchErrors(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await unlock(popup);
    await expect(popup.getByTestId('suggestions').getByTestId('item-row')).toHaveCount(3);
    await popup.getByTestId('search').fill('other 149');
    await expect(popup.locator('[data-testid="item-list"] [data-testid="item-row"]').first()).toContainText('Other 149');
    errors.check();
  } finally {
    await sites.close();
  }
});
