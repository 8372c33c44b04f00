// Shared set-up for the passkey e2e: a browser with the built extension and a vault, the test
// relying party (fixtures/passkey-rp.ts), and Keyhold's passkey dialog, an extension window the test
// finds as a new page of the context and clicks like a user.
import type { BrowserContext, ConsoleMessage, Page } from '@playwright/test';
import { extensionServiceWorker, launchWithExtension } from '../fixtures/extension.js';
import { createVault, sendOk } from '../fixtures/protocol.js';

export type PasskeyBrowser = { context: BrowserContext; extensionId: string; admin: Page; profileDir: string; consoleErrors: string[] };

/** A browser with the extension; a new vault unless `profileDir` holds one already. */
export async function openPasskeyBrowser(options: { profileDir?: string; newVault?: boolean } = {}): Promise<PasskeyBrowser> {
  const { context, profileDir } = await launchWithExtension(options.profileDir ? { profileDir: options.profileDir } : {});
  const consoleErrors: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  const worker = await extensionServiceWorker(context);
  worker.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`service worker: ${message.text()}`);
  });
  const extensionId = new URL(worker.url()).host;
  const admin = await context.newPage();
  await admin.goto(`chrome-extension://${extensionId}/popup.html`);
  if (options.newVault !== false) await createVault(admin);
  return { context, extensionId, admin, profileDir, consoleErrors };
}

/** The passkey dialog window that the next WebAuthn call opens. */
export function nextDialog(context: BrowserContext, timeout = 15_000): Promise<Page> {
  return context.waitForEvent('page', { predicate: (p) => p.url().includes('/passkey.html'), timeout });
}

export type StoredPasskey = {
  id: string;
  rpId: string;
  userName: string;
  userHandle: string;
  privateKey: string;
  lastUsedAt: number | null;
  createdAt: number;
};
type Row = { id: string; name: string };

/** Every passkey in the vault, read through the background as the vault page does. */
export async function vaultPasskeys(admin: Page): Promise<(StoredPasskey & { itemId: string; itemName: string })[]> {
  const page = await sendOk<{ rows: Row[] }>(admin, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 1000 });
  const out: (StoredPasskey & { itemId: string; itemName: string })[] = [];
  for (const row of page.rows) {
    const { item } = await sendOk<{ item: { passkeys?: StoredPasskey[] } }>(admin, 'items.get', { id: row.id });
    for (const passkey of item.passkeys ?? []) out.push({ ...passkey, itemId: row.id, itemName: row.name });
  }
  return out;
}

/** Whether a window of the dialog is open now. */
export function dialogOpen(context: BrowserContext): boolean {
  return context.pages().some((p) => p.url().includes('/passkey.html'));
}

/**
 * Clicks a button that ends the request: the background then closes the dialog window, which can
 * happen while Playwright is still finishing the click, so the click's own error is ignored and the
 * window's close is what the test waits for.
 */
export async function clickToFinish(dialog: Page, name: string | RegExp): Promise<void> {
  await Promise.all([
    dialog.waitForEvent('close'),
    dialog
      .getByRole('button', { name })
      .click()
      .catch(() => undefined),
  ]);
}
