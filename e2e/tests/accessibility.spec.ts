// Accessibility of every screen of the popup and the full-page vault, in light and dark, with
// axe-core (WCAG 2.1 A and AA rules plus best practices) in real Chromium: no violations. Each screen
// is reached the way a user reaches it; the check runs on what is then on screen.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/extension.js';
import { createVault, sendOk } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return (result.violations as Violation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.length} element(s): ${v.nodes
        .slice(0, 3)
        .map((n) => JSON.stringify(n.target))
        .join(', ')}`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the popup and the vault page have no axe violations (${scheme})`, async ({ context, openPopup, extensionId }) => {
    test.setTimeout(120_000);
    const found: Record<string, string[]> = {};
    const check = async (page: Page, screen: string) => {
      await page.waitForTimeout(150);
      const list = await violations(page);
      if (list.length) found[screen] = list;
    };

    const popup = await openPopup();
    await popup.emulateMedia({ colorScheme: scheme });
    await expect(popup.getByRole('heading').first()).toBeVisible();
    await check(popup, 'popup: onboarding');

    await createVault(popup);
    await popup.reload();
    await expect(popup.getByTestId('search')).toBeVisible();
    await check(popup, 'popup: empty list');

    for (const name of ['GitHub', 'Bank', 'Mail']) {
      await sendOk(popup, 'items.save', {
        item: loginItem(name, { username: `${name.toLowerCase()}-user`, urls: [{ url: `https://${name.toLowerCase()}.example`, match: 'default' }] }),
      });
    }
    await popup.reload();
    await expect(popup.getByTestId('item-row').first()).toBeVisible();
    await check(popup, 'popup: list');

    await popup.getByTestId('item-row').filter({ hasText: 'GitHub' }).click();
    await expect(popup.getByTestId('item-view')).toBeVisible();
    await check(popup, 'popup: item');

    await popup.getByRole('button', { name: 'Edit' }).click();
    await expect(popup.getByRole('button', { name: 'Save' })).toBeVisible();
    await check(popup, 'popup: edit');
    await popup.keyboard.press('Escape');
    await popup.keyboard.press('Escape');

    await popup.getByRole('button', { name: 'Password generator' }).click();
    await check(popup, 'popup: generator');
    await popup.keyboard.press('Escape');

    await popup.getByRole('button', { name: 'Settings' }).click();
    await check(popup, 'popup: settings');
    await popup.keyboard.press('Escape');

    const vault = await context.newPage();
    await vault.emulateMedia({ colorScheme: scheme });
    await vault.goto(`chrome-extension://${extensionId}/vault.html`);
    await expect(vault.getByTestId('search')).toBeVisible();
    await vault.getByTestId('item-row').filter({ hasText: 'Bank' }).click();
    await expect(vault.getByTestId('item-view')).toBeVisible();
    await check(vault, 'vault: list and item');

    await vault.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Import', exact: true }).click();
    await expect(vault.getByTestId('import-screen')).toBeVisible();
    await check(vault, 'vault: import');

    await vault.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Export', exact: true }).click();
    await expect(vault.getByTestId('export-screen')).toBeVisible();
    await check(vault, 'vault: export');

    // Vault health: before any run, then with a report (two logins sharing a weak password).
    await vault.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'Vault health', exact: true }).click();
    await expect(vault.getByTestId('health-empty')).toBeVisible();
    await check(vault, 'vault: health, never run');
    for (const name of ['Forum', 'Shop']) {
      await sendOk(vault, 'items.save', {
        item: loginItem(name, { password: 'abc123', urls: [{ url: `https://${name.toLowerCase()}.example`, match: 'default' }] }),
      });
    }
    await vault.getByRole('button', { name: 'Check now' }).click();
    await expect(vault.getByTestId('health-finished')).toBeVisible({ timeout: 30_000 });
    await check(vault, 'vault: health report');
    await popup.reload();
    await expect(popup.getByTestId('health-badge')).toBeVisible();
    await check(popup, 'popup: list with health badge');
    await popup.getByTestId('health-badge').click();
    await expect(popup.getByTestId('health-finished')).toBeVisible();
    await check(popup, 'popup: health');
    await popup.keyboard.press('Escape');

    await popup.getByRole('button', { name: 'Lock' }).click();
    await expect(popup.getByLabel('Master password', { exact: true })).toBeVisible();
    await check(popup, 'popup: unlock');

    expect(found).toEqual({});
  });
}
