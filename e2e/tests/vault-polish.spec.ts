// Layout polish of #16 part 5 in real Chromium: toasts never cover a control or a hint (popup and
// vault page, light and dark) and keep the keyboard focus; at the popup's 380 px a login's long
// custom fields and URLs fit and stay readable in full; the vault page's pane closes when its item
// leaves the list (filter change, restore, bulk delete); an opened password history is not cut off;
// the sync server-address field looks like the other fields.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { sendOk } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';
import { popupWithVault, watchErrors } from './vault-support.js';

const LONG_NAME = 'Security question: what was the name of the street you grew up on as a child';
const LONG_URL =
  'https://accounts.very-long-subdomain.example-company-intranet.example.com/sso/saml2/idp/login?tenant=engineering-platform&redirect=%2Fdashboard%2Foverview';
const LONG_VALUE = 'Maple Avenue, the one behind the old railway station next to the bakery with the green door';

type Box = { left: number; top: number; right: number; bottom: number };

/** Controls and texts (visible part: clipped by their scrolling ancestors) that intersect the toast region. */
async function coveredByToast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const regionEl = document.querySelector('[data-testid="toast-region"]')!;
    const region = regionEl.getBoundingClientRect();
    const selector = 'button, a[href], input, select, textarea, label, [role="option"], [tabindex], .hint, .key-hints, .muted, .field-row, p, h1, h2';
    const hits: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (regionEl.contains(el) || el.classList.contains('skip-link')) continue;
      const r = el.getBoundingClientRect();
      let box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        box = {
          left: Math.max(box.left, c.left),
          top: Math.max(box.top, c.top),
          right: Math.min(box.right, c.right),
          bottom: Math.min(box.bottom, c.bottom),
        };
      }
      if (box.right - box.left < 1 || box.bottom - box.top < 1 || getComputedStyle(el).visibility === 'hidden') continue;
      const overlapX = Math.min(box.right, region.right) - Math.max(box.left, region.left);
      const overlapY = Math.min(box.bottom, region.bottom) - Math.max(box.top, region.top);
      if (overlapX > 0.5 && overlapY > 0.5) hits.push(`${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').trim().slice(0, 40)}”`);
    }
    return hits;
  });
}

/** axe rule ids violated on the page as it is (WCAG 2.1 A/AA and best practices, as accessibility.spec.ts). */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.length}`);
}

/** The toast is shown, inside the app's box, announced politely, and covers nothing. */
async function expectToastClear(page: Page): Promise<void> {
  const toast = page.getByTestId('toast');
  await expect(toast).toBeVisible();
  await expect(page.getByTestId('toast-region')).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('toast-region')).toHaveAttribute('role', 'status');
  const inside = await page.evaluate(() => {
    const app = document.getElementById('app')!.getBoundingClientRect();
    const t = document.querySelector('[data-testid="toast"]')!.getBoundingClientRect();
    return t.top >= app.top && t.bottom <= app.bottom + 0.5 && t.left >= app.left && t.right <= app.right + 0.5;
  });
  expect(inside, 'the toast lies inside the visible app').toBe(true);
  expect(await coveredByToast(page)).toEqual([]);
}

function richLogin(name: string) {
  return {
    ...loginItem(name, {
      username: `${name.toLowerCase()}@example.com`,
      password: 'correct-horse-battery',
      notes: 'Line one\nLine two\nLine three\nLine four',
      urls: [
        { url: `https://${name.toLowerCase()}.example`, match: 'default' },
        { url: `https://login.${name.toLowerCase()}.example/path`, match: 'host' },
      ],
      customFields: [
        { id: 'f1', name: 'Recovery PIN', value: '8642', kind: 'hidden' },
        { id: 'f2', name: 'Account number', value: '1234-5678-9012', kind: 'text' },
        { id: 'f3', name: 'Support site', value: 'https://help.example.com', kind: 'url' },
      ],
    }),
    history: Array.from({ length: 12 }, (_, i) => ({
      value: `old-password-${i + 1}`,
      changedAt: Date.now() - (i + 1) * 86_400_000,
      reason: 'changed',
    })),
  };
}

for (const scheme of ['light', 'dark'] as const) {
  test(`toasts cover no control or hint and keep the focus, popup and vault page (${scheme})`, async ({ context, openPopup, extensionId }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page: popup, errors } = await popupWithVault(openPopup);
    await popup.setViewportSize({ width: 380, height: 600 }); // the popup window's size
    await popup.emulateMedia({ colorScheme: scheme });
    for (const name of ['GitHub', 'Bank', 'Mail', 'Shop', 'Cloud', 'Forum', 'Router', 'School'])
      await sendOk(popup, 'items.save', { item: richLogin(name) });
    await popup.reload();

    await popup.getByTestId('item-row').filter({ hasText: 'GitHub' }).click();
    await expect(popup.getByTestId('item-view')).toBeVisible();

    // Item view: copy the password from the keyboard; the focus stays on the copy button.
    const copy = popup.getByRole('button', { name: 'Copy password' });
    await copy.focus();
    await popup.keyboard.press('Enter');
    await expectToastClear(popup);
    await expect(copy).toBeFocused();
    expect(await axeViolations(popup), 'axe, with the toast shown').toEqual([]);

    // Scrolled to the bottom (the item's actions): still nothing under the toast.
    await popup.getByRole('button', { name: 'Move to trash' }).scrollIntoViewIfNeeded();
    await expectToastClear(popup);

    // The toast stays while focused, Escape dismisses it, and the focus goes back to the copy button.
    await popup.getByRole('button', { name: 'Dismiss' }).focus();
    await popup.waitForTimeout(4500);
    await expect(popup.getByTestId('toast')).toBeVisible();
    await popup.keyboard.press('Escape');
    await expect(popup.getByTestId('toast')).toHaveCount(0);
    await expect(copy).toBeFocused();
    await expect(popup.getByTestId('item-view')).toBeVisible(); // Escape closed the toast, not the view

    // Edit form: its Save bar sits at the bottom.
    await popup.getByRole('button', { name: 'Edit' }).click();
    await expect(popup.getByRole('button', { name: 'Save' })).toBeVisible();
    await popup.getByRole('button', { name: 'Generate a password' }).click();
    await popup.getByRole('button', { name: 'Copy generated value', exact: true }).click();
    await expectToastClear(popup);
    await expect(popup.getByRole('button', { name: 'Save' })).toBeInViewport();
    await popup.keyboard.press('Escape');

    // Generator: copy the generated value.
    await popup.keyboard.press('Escape');
    await popup.getByRole('button', { name: 'Password generator' }).click();
    await popup.getByRole('button', { name: 'Copy generated value', exact: true }).click();
    await expectToastClear(popup);
    errors.check();

    // The vault page: an item in the pane, copied from there.
    const vault = await context.newPage();
    await vault.emulateMedia({ colorScheme: scheme });
    const vaultErrors = watchErrors(vault);
    await vault.setViewportSize({ width: 1280, height: 640 });
    await vault.goto(`chrome-extension://${extensionId}/vault.html`);
    await vault.getByTestId('item-row').filter({ hasText: 'Bank' }).click();
    const pane = vault.getByRole('complementary', { name: 'Details' });
    await pane.getByRole('button', { name: 'Copy password' }).click();
    await expectToastClear(vault);
    expect(await axeViolations(vault), 'axe, with the toast shown').toEqual([]);
    await pane.getByRole('button', { name: 'Move to trash' }).scrollIntoViewIfNeeded();
    await expectToastClear(vault);
    vaultErrors.check();
  });
}

test('at 380 px long custom-field names, values and URLs fit and stay readable in full', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await page.setViewportSize({ width: 380, height: 600 });
  const item = {
    ...loginItem('Intranet', {
      urls: [{ url: LONG_URL, match: 'starts-with' }],
      customFields: [
        { id: 'c1', name: LONG_NAME, value: LONG_VALUE, kind: 'text' },
        { id: 'c2', name: `${LONG_NAME} (link)`, value: LONG_URL, kind: 'url' },
        { id: 'c3', name: `${LONG_NAME} (hidden)`, value: 'secret', kind: 'hidden' },
      ],
    }),
  };
  await sendOk(page, 'items.save', { item });
  await page.reload();
  await page.getByTestId('item-row').filter({ hasText: 'Intranet' }).click();
  await expect(page.getByTestId('item-view')).toBeVisible();

  const noSidewaysOverflow = () =>
    page.evaluate(() => {
      const bad: string[] = [];
      const width = document.documentElement.getBoundingClientRect().width;
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('#app *'))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > width + 0.5) bad.push(`${el.tagName.toLowerCase()}.${el.className} sticks out (${Math.round(r.right)} > ${width})`);
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
          bad.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
      return bad;
    });

  // The item view: the labels and values are shown whole (wrapped), nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(380);
  expect(await noSidewaysOverflow()).toEqual([]);
  for (const text of [LONG_NAME, LONG_VALUE, `${LONG_NAME} (link)`, LONG_URL])
    await expect(page.getByText(text, { exact: true }).first()).toBeVisible();

  // The form: the fields wrap and grow, so the whole text is on screen, not scrolled inside a box.
  await page.getByRole('button', { name: 'Edit' }).click();
  const fields = [
    [page.getByLabel('Website 1', { exact: true }), LONG_URL],
    [page.getByLabel('Name of field 1'), LONG_NAME],
    [page.getByLabel('Value of field 1'), LONG_VALUE],
    [page.getByLabel('Name of field 2'), `${LONG_NAME} (link)`],
    [page.getByLabel('Value of field 2'), LONG_URL],
    [page.getByLabel('Name of field 3'), `${LONG_NAME} (hidden)`],
  ] as const;
  for (const [field, value] of fields) {
    await expect(field).toHaveValue(value);
    await field.scrollIntoViewIfNeeded();
    const size = await field.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight }));
    expect(size.sw, `${value.slice(0, 30)}: no sideways scrolling`).toBeLessThanOrEqual(size.cw + 1);
    expect(size.sh, `${value.slice(0, 30)}: every line shown`).toBeLessThanOrEqual(size.ch + 1);
  }
  expect(await noSidewaysOverflow()).toEqual([]);
  // Each field still has its kind and remove controls in the row.
  for (const n of [1, 2, 3]) {
    await expect(page.getByLabel(`Kind of field ${n}`)).toBeVisible();
    await expect(page.getByRole('button', { name: `Remove field ${n}` })).toBeVisible();
  }
  await expect(page.getByLabel('Match mode for website 1')).toHaveValue('starts-with');

  // One-line fields: a pasted newline becomes a space, and Enter saves like in an input.
  const website = page.getByLabel('Website 1', { exact: true });
  await website.fill('https://example.com/a\nb');
  await expect(website).toHaveValue('https://example.com/a b');
  await website.fill(`${LONG_URL}&more=1`);
  await website.press('Enter');
  await expect(page.getByTestId('item-view')).toBeVisible();
  await expect(page.getByText(`${LONG_URL}&more=1`, { exact: true })).toBeVisible();
  expect(await noSidewaysOverflow()).toEqual([]);
  errors.check();
});

test('an opened password history is shown whole, in the popup and the vault pane', async ({ context, openPopup, extensionId }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await sendOk(page, 'items.save', { item: richLogin('Archive') });
  await page.reload();
  await page.getByTestId('item-row').filter({ hasText: 'Archive' }).click();

  const expectWhole = async (p: Page) => {
    await p.getByRole('button', { name: 'Show password history (12)' }).click();
    const list = p.locator('.history-list');
    await expect(list.locator('.history-row')).toHaveCount(12);
    for (const sel of ['.history-list', '.fields']) {
      const size = await p.locator(sel).evaluate((el) => ({ sh: el.scrollHeight, ch: el.clientHeight }));
      expect(size.sh, `${sel} is not cut off`).toBeLessThanOrEqual(size.ch + 1);
    }
    const last = list.locator('.history-row').last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 1 });
    await last.getByRole('button', { name: 'Show old password' }).click();
    await expect(last).toContainText('old-password-12');
  };
  await expectWhole(page);
  errors.check();

  const vault = await context.newPage();
  const vaultErrors = watchErrors(vault);
  await vault.setViewportSize({ width: 1280, height: 600 });
  await vault.goto(`chrome-extension://${extensionId}/vault.html`);
  await vault.getByTestId('item-row').filter({ hasText: 'Archive' }).click();
  await expectWhole(vault);
  vaultErrors.check();
});

test('the vault pane closes when its item leaves the list: trash filter, restore, delete', async ({ context, openPopup, extensionId }) => {
  const { page: popup } = await popupWithVault(openPopup);
  const [alpha, bravo, charlie] = [loginItem('Alpha'), loginItem('Bravo'), loginItem('Charlie')];
  for (const item of [alpha, bravo, charlie]) await sendOk(popup, 'items.save', { item });
  await sendOk(popup, 'items.trash', { ids: [bravo.id, charlie.id] });

  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`chrome-extension://${extensionId}/vault.html`);
  const pane = page.getByRole('complementary', { name: 'Details' });
  const rows = page.locator('[data-testid="item-list"] [data-testid="item-row"] .row-name');
  const filterBy = (label: string) => page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: label, exact: true }).click();
  const emptyPane = pane.getByText('Select an item to see it here');

  // An item of All items is open; switching to the trash closes it.
  await page.getByTestId('item-row').filter({ hasText: 'Alpha' }).click();
  await expect(pane.getByRole('heading', { name: 'Alpha' })).toBeVisible();
  await filterBy('Trash');
  await expect.poll(() => rows.allTextContents()).toEqual(['Bravo', 'Charlie']);
  await expect(emptyPane).toBeVisible();

  // Restore the shown item: it leaves the trash, and the pane.
  await page.getByTestId('item-row').filter({ hasText: 'Bravo' }).click();
  await expect(pane.getByText('This item is in the trash.')).toBeVisible();
  await pane.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('toast')).toContainText('restored');
  await expect.poll(() => rows.allTextContents()).toEqual(['Charlie']);
  await expect(emptyPane).toBeVisible();

  // Delete the shown item forever with the bulk bar: the pane closes.
  await page.getByTestId('item-row').filter({ hasText: 'Charlie' }).click();
  await expect(pane.getByRole('heading', { name: 'Charlie' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select Charlie' }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Delete forever' }).click();
  await page.getByRole('button', { name: /^Yes, delete .* forever$/ }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await expect(emptyPane).toBeVisible();

  // Back in All items: a bulk tag change keeps the shown item open (it stays in the list).
  await filterBy('All items');
  await page.getByTestId('item-row').filter({ hasText: 'Alpha' }).click();
  await page.getByRole('checkbox', { name: 'Select Alpha' }).click();
  await page.getByRole('button', { name: 'Add tag…' }).click();
  await page.getByLabel('Tag to add').fill('kept');
  await page.getByRole('button', { name: 'Add tag', exact: true }).click();
  await expect(page.getByTestId('toast')).toContainText('#kept');
  await expect(pane.getByRole('heading', { name: 'Alpha' })).toBeVisible();
  errors.check();
});

test('the sync server-address field is styled like the other fields', async ({ openPopup }) => {
  const { page, errors } = await popupWithVault(openPopup);
  await page.getByRole('button', { name: 'Settings' }).click();
  const server = page.getByLabel('Server address');
  const email = page.getByLabel('Email', { exact: true });
  await server.scrollIntoViewIfNeeded();
  const look = (el: HTMLElement | SVGElement) => {
    const s = getComputedStyle(el);
    return {
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      radius: s.borderTopLeftRadius,
      padding: `${s.paddingTop} ${s.paddingLeft}`,
      background: s.backgroundColor,
      height: Math.round(el.getBoundingClientRect().height),
      width: Math.round(el.getBoundingClientRect().width),
    };
  };
  expect(await server.evaluate(look)).toEqual(await email.evaluate(look));
  expect((await server.evaluate(look)).radius).toBe('8px');
  errors.check();
});
