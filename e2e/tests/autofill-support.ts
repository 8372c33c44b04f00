// Shared set-up for the autofill e2e suites: one browser with the built extension, a vault, the test
// sites, and a way to see and click our in-page UI. That UI lives in CLOSED shadow roots, which page
// scripts (and Playwright's locators) cannot enter; the DevTools protocol can (DOM.getDocument with
// pierce), so the tests read it there and click it with real (trusted) mouse events at its position.
import { rmSync } from 'node:fs';
import type { BrowserContext, CDPSession, Frame, Page } from '@playwright/test';
import { launchWithExtension, extensionServiceWorker, tabIdForUrl, type LaunchOptions } from '../fixtures/extension.js';
import { startTestSites, type TestSites } from '../fixtures/test-sites.js';
import { createVault, sendOk } from '../fixtures/protocol.js';

export type LoginFields = { name?: string; username?: string; password?: string; totp?: string; urls: { url: string; match?: string }[] };

export type AutofillWorld = {
  context: BrowserContext;
  extensionId: string;
  sites: TestSites;
  /** An extension page, for protocol calls (items, settings, lock). */
  admin: Page;
  addLogin(fields: LoginFields): Promise<string>;
  clearItems(): Promise<void>;
  close(): Promise<void>;
};

export async function startAutofillWorld(options: Pick<LaunchOptions, 'args' | 'ignoreHTTPSErrors'> = {}): Promise<AutofillWorld> {
  const { context, profileDir } = await launchWithExtension(options);
  const worker = await extensionServiceWorker(context);
  const extensionId = new URL(worker.url()).host;
  const sites = await startTestSites();
  const admin = await context.newPage();
  await admin.goto(`chrome-extension://${extensionId}/popup.html`);
  await createVault(admin);
  return {
    context,
    extensionId,
    sites,
    admin,
    async addLogin(fields) {
      const now = Date.now();
      const id = crypto.randomUUID();
      const item = {
        id,
        type: 'login',
        schemaVersion: 1,
        createdAt: now,
        updatedAt: now,
        name: fields.name ?? 'Test login',
        tags: [],
        folder: null,
        favorite: false,
        trashedAt: null,
        username: fields.username ?? 'octo',
        urls: fields.urls.map((u) => ({ url: u.url, match: u.match ?? 'default' })),
        hasTotp: Boolean(fields.totp),
        history: [],
        extraUsernames: [],
        password: fields.password ?? 'hunter2-saved',
        totp: fields.totp ?? '',
        notes: '',
        customFields: [],
      };
      await sendOk(admin, 'items.save', { item });
      return id;
    },
    async clearItems() {
      const page = await sendOk<{ rows: { id: string }[] }>(admin, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 1000 });
      if (page.rows.length > 0) await sendOk(admin, 'items.deleteForever', { ids: page.rows.map((r) => r.id) });
    },
    async close() {
      await sites.close();
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

type DomNode = {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
};

function walk(node: DomNode, out: DomNode[] = []): DomNode[] {
  out.push(node);
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])])
    walk(child, out);
  return out;
}

const attributeOf = (node: DomNode, name: string): string | null => {
  const attrs = node.attributes ?? [];
  const at = attrs.indexOf(name);
  return at >= 0 ? (attrs[at + 1] ?? '') : null;
};

/** The words a node shows: its text, and what the inline menu paints into canvases (their accessible names). */
function textOf(node: DomNode): string {
  return walk(node)
    .map((n) => (n.nodeName === '#text' ? (n.nodeValue ?? '') : n.nodeName === 'CANVAS' ? (attributeOf(n, 'aria-label') ?? '') : ''))
    .join('');
}

const classOf = (node: DomNode) => attributeOf(node, 'class') ?? '';

export type UiEntry = { text: string; title: string; detail: string; x: number; y: number };
export type UiSnapshot = { present: boolean; notice: string; text: string; entries: UiEntry[] };

async function sessionFor(target: Page | Frame): Promise<{ cdp: CDPSession; offset: { x: number; y: number } }> {
  const page = 'page' in target ? target.page() : target;
  const context = page.context();
  if ('page' in target && target !== page.mainFrame()) {
    try {
      const cdp = await context.newCDPSession(target);
      // An out-of-process frame has its own coordinates: add where its iframe sits in the page.
      const box = await (await target.frameElement()).boundingBox();
      return { cdp, offset: { x: box?.x ?? 0, y: box?.y ?? 0 } };
    } catch {
      // Same-process frame: the page's session sees it, in page coordinates.
    }
  }
  return { cdp: await context.newCDPSession(page), offset: { x: 0, y: 0 } };
}

/** Our UI element `tag` (keyhold-menu, keyhold-bar) in a page or frame, read through its closed shadow root. */
export async function readUi(target: Page | Frame, tag: 'keyhold-menu' | 'keyhold-bar' = 'keyhold-menu'): Promise<UiSnapshot> {
  const { cdp, offset } = await sessionFor(target);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = walk(root).find((n) => n.nodeName === tag.toUpperCase());
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) return { present: false, notice: '', text: '', entries: [] };
    const nodes = walk(shadow);
    const clickable = nodes.filter((n) => classOf(n) === 'entry' || n.nodeName === 'BUTTON');
    const entries: UiEntry[] = [];
    for (const node of clickable) {
      const { quads } = (await cdp.send('DOM.getContentQuads', { backendNodeId: node.backendNodeId })) as { quads: number[][] };
      const q = quads[0] ?? [0, 0, 0, 0, 0, 0, 0, 0];
      const title = node.children?.find((c) => classOf(c) === 'title');
      const detail = node.children?.find((c) => classOf(c) === 'detail');
      entries.push({
        text: textOf(node),
        title: title ? textOf(title) : textOf(node),
        detail: detail ? textOf(detail) : '',
        x: offset.x + (q[0]! + q[4]!) / 2,
        y: offset.y + (q[1]! + q[5]!) / 2,
      });
    }
    const notice = nodes.find((n) => classOf(n) === 'notice');
    return { present: true, notice: notice ? textOf(notice) : '', text: textOf(shadow).replace(/:host[\s\S]*?\n\n/, ''), entries };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until our UI shows an entry (or button) whose text contains `text`, and returns it. */
export async function waitForEntry(
  target: Page | Frame,
  text: string,
  tag: 'keyhold-menu' | 'keyhold-bar' = 'keyhold-menu',
  timeoutMs = 10_000,
): Promise<UiEntry> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ui = await readUi(target, tag);
    const entry = ui.entries.find((e) => e.text.includes(text));
    if (entry) return entry;
    if (Date.now() > until) {
      const state = await target
        .evaluate(() => ({
          hosts: Array.from(document.querySelectorAll('keyhold-menu, keyhold-icon, keyhold-bar'), (e) => e.localName),
          focused: document.activeElement?.id ?? null,
        }))
        .catch(() => null);
      throw new Error(`no "${text}" in ${tag}: ${JSON.stringify(ui)}; page: ${JSON.stringify(state)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitForUi(target: Page | Frame, tag: 'keyhold-menu' | 'keyhold-bar' = 'keyhold-menu', timeoutMs = 5000): Promise<UiSnapshot> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ui = await readUi(target, tag);
    if (ui.present) return ui;
    if (Date.now() > until) throw new Error(`${tag} did not appear`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Box = { x: number; y: number; width: number; height: number };

/** Where our field icon (keyhold-icon) is drawn in the page, or null when there is none. */
export async function iconBox(page: Page): Promise<Box | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = walk(root).find((n) => n.nodeName === 'KEYHOLD-ICON');
    if (!host) return null;
    const { quads } = (await cdp.send('DOM.getContentQuads', { backendNodeId: host.backendNodeId }).catch(() => ({ quads: [] }))) as {
      quads: number[][];
    };
    const q = quads[0];
    if (!q) return null;
    return { x: q[0]!, y: q[1]!, width: q[4]! - q[0]!, height: q[5]! - q[1]! };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until the field icon is drawn inside the element `selector` (its centre within the field's box). */
export async function waitForIconIn(page: Page, selector: string, timeoutMs = 10_000): Promise<Box> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const icon = await iconBox(page);
    const field = await page.locator(selector).boundingBox();
    if (icon && field && icon.width > 0) {
      const cx = icon.x + icon.width / 2;
      const cy = icon.y + icon.height / 2;
      if (cx > field.x && cx < field.x + field.width && cy > field.y && cy < field.y + field.height) return icon;
    }
    if (Date.now() > until) throw new Error(`no icon in ${selector}: icon ${JSON.stringify(icon)}, field ${JSON.stringify(field)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Our UI accepts a click only once it has been on screen long enough to be read (check-activation.ts). */
export const READ_DELAY_MS = 450;

/**
 * Clicks our UI's entry `text` for real until `done()` holds. Our UI ignores a click until it has
 * been on screen long enough and the browser reports it visible (check-activation.ts); on a loaded
 * machine that can come later than READ_DELAY_MS after the entry appears, and a user whose click did
 * nothing clicks again.
 */
export async function clickEntryUntil(
  page: Page,
  text: string,
  tag: 'keyhold-menu' | 'keyhold-bar',
  done: () => Promise<boolean>,
  attempts = 4,
): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const entry = await waitForEntry(page, text, tag).catch(() => null);
    if (entry === null) break;
    await page.waitForTimeout(READ_DELAY_MS);
    await page.mouse.click(entry.x, entry.y);
    for (let wait = 0; wait < 15; wait++) {
      if (await done()) return;
      await page.waitForTimeout(100);
    }
  }
  if (!(await done())) throw new Error(`clicking "${text}" in ${tag} did not take effect`);
}

/** Opens the menu on a field with a real click, waits for `entryText`, and clicks it for real. */
export async function chooseFromMenu(page: Page, target: Page | Frame, selector: string, entryText: string): Promise<void> {
  await target.click(selector);
  const entry = await waitForEntry(target, entryText);
  await page.waitForTimeout(READ_DELAY_MS);
  await page.mouse.click(entry.x, entry.y);
}

/** Lets the always-on script notice the fields and the engine finish its first pass. */
export async function settle(page: Page, ms = 700): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(ms);
}

/** The tab id of a page, as the extension sees it (for the popup's "fill"). */
export async function tabIdOf(world: AutofillWorld, page: Page): Promise<number> {
  return tabIdForUrl(world.admin, page.url());
}

/** The popup's "fill" for a page: the same trusted path as the keyboard shortcut (a background-issued token). */
export async function fillFromPopup(world: AutofillWorld, page: Page, itemId: string): Promise<boolean> {
  const reply = await sendOk<{ filled: boolean }>(world.admin, 'autofill.fillFromPopup', { itemId, tabId: await tabIdOf(world, page) });
  return reply.filled;
}
