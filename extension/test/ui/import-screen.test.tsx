// The import screen rendered in jsdom against a real composed vault (fake-indexeddb): a user picks a
// CSV, sees the preview, continues, sees the duplicate counts, chooses and imports — and the vault
// holds the items. `send` is routed straight to the composed services (no browser). The DOM is a
// jsdom window put on the globals by hand (not vitest's jsdom environment, whose own Uint8Array the
// crypto code would refuse).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { newItem } from '@keyhold/shared/items/new-item';
import type { LoginItem } from '@keyhold/shared/items/item';
import { vaultWorld } from '../helpers/vault-world';
import type { AppServices } from '../../src/ui/app/context';
import { AppContext } from '../../src/ui/app/context';
import { makeExportFile } from '../../src/ui/screens/export/export-file';

const PASSWORD = 'correct horse battery staple 42';
let world: ReturnType<typeof vaultWorld>;

vi.mock('../../src/messaging/client', () => ({
  MessageError: class MessageError extends Error {},
  send: async (type: string, request: { total: number; importId: string; items: LoginItem[]; duplicates: 'update' | 'add' }) => {
    switch (type) {
      case 'import.begin':
        return world.imports.begin(request.total);
      case 'import.add':
        return world.imports.add(request.importId, request.items);
      case 'import.commit':
        return world.imports.commit(request.importId, request.duplicates);
      case 'import.cancel':
        return world.imports.cancel(request.importId);
      default:
        throw new Error(`unexpected ${type}`);
    }
  },
}));

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/vault.html' });
for (const name of ['window', 'document', 'navigator', 'Node', 'HTMLElement', 'HTMLInputElement', 'Event'] as const) {
  Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : dom.window[name], configurable: true, writable: true });
}

const { ImportScreen } = await import('../../src/ui/screens/import/import-screen');

function app(): AppServices {
  const noop = () => undefined;
  return {
    layout: 'page',
    screen: { name: 'import' },
    go: noop,
    back: noop,
    replace: noop,
    reset: noop,
    toast: noop,
    copy: async () => undefined,
    fail: (error) => {
      throw error;
    },
    dataVersion: 0,
    changed: noop,
    unlocked: async () => undefined,
    lock: async () => undefined,
  };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  if (!check()) throw new Error(`never: ${what}\n${document.body.textContent}`);
};
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const labelled = (text: string) => {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  return document.getElementById(label!.htmlFor) as HTMLInputElement | HTMLSelectElement;
};

afterEach(async () => {
  render(null, document.body);
  await world.vault.status();
  world.db.close();
});

describe('the import screen', () => {
  it('imports a Chrome CSV: detected format, preview, duplicate counts, update, result', async () => {
    world = vaultWorld({ now: () => Date.now() });
    await world.vault.create(PASSWORD);
    const existing = newItem(
      'login',
      { name: 'github.com', username: 'ada', password: 'old', urls: [{ url: 'https://github.com/', match: 'default' }] },
      Date.now(),
    );
    await world.items.save(existing);
    const errors = vi.spyOn(console, 'error');

    await act(() =>
      render(
        <AppContext.Provider value={app()}>
          <ImportScreen onClose={() => undefined} />
        </AppContext.Provider>,
        document.body,
      ),
    );
    const csv = 'name,url,username,password,note\ngithub.com,https://github.com/,ada,new,\nexample.com,https://example.com/,bob,pw,hello\n';
    const input = labelled('Export file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([csv], 'Chrome Passwords.csv', { type: 'text/csv' })] });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await until(() => (labelled('Format') as HTMLSelectElement).value === 'chromium-csv', 'format detected');
    expect(document.body.textContent).toContain('Detected: Chrome, Edge, Brave, Opera (.csv)');

    await act(() => button('Preview')!.click());
    await until(() => button('Continue') !== undefined, 'preview');
    expect(document.querySelector('[data-testid="import-type-counts"]')!.textContent).toContain('Logins2');

    await act(() => button('Continue')!.click());
    await until(() => document.querySelector('[data-testid="import-review"]') !== null, 'review');
    expect(document.querySelector('[data-testid="import-new-count"]')!.textContent).toBe('1 new item');
    expect(document.querySelector('[data-testid="import-update-count"]')!.textContent).toBe('1 login already in your vault with another password');
    expect(labelled('Update them (the old password is kept in the history)')).toBeDefined();

    await act(() => button('Import 2 items')!.click());
    await until(() => document.querySelector('[data-testid="import-result"]') !== null, 'result');
    expect(document.querySelector('[data-testid="import-result"] p')!.textContent).toBe(
      '1 item added, 1 login updated, 0 items skipped (already in your vault).',
    );
    expect(((await world.items.get(existing.id)) as LoginItem).password).toBe('new');
    expect(await world.db.items.count()).toBe(2);
    expect(errors).not.toHaveBeenCalled();
  });

  it('a damaged file shows what is wrong, keeps the choice, and writes nothing', async () => {
    world = vaultWorld({ now: () => Date.now() });
    await world.vault.create(PASSWORD);
    await act(() =>
      render(
        <AppContext.Provider value={app()}>
          <ImportScreen onClose={() => undefined} />
        </AppContext.Provider>,
        document.body,
      ),
    );
    const input = labelled('Export file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['{"items": [ }'], 'bitwarden.json')] });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await until(() => (labelled('Format') as HTMLSelectElement).value === 'bitwarden-json', 'format detected');
    await act(() => button('Preview')!.click());
    await until(() => document.querySelector('[role="alert"]') !== null, 'error');
    expect(document.querySelector('[role="alert"]')!.textContent).toMatch(/not valid JSON \(line 1/);
    expect(button('Preview')).toBeDefined();
    expect(await world.db.items.count()).toBe(0);
  });

  it('a Keyhold export: asks for the file password, says so when it is wrong, and keeps the file chosen', async () => {
    world = vaultWorld({ now: () => Date.now() });
    await world.vault.create(PASSWORD);
    const item = newItem('note', { name: 'Moved note', text: 'secret' }, Date.now());
    const file = await makeExportFile('keyhold', [item], { password: 'export pass', date: new Date() });
    await act(() =>
      render(
        <AppContext.Provider value={app()}>
          <ImportScreen onClose={() => undefined} />
        </AppContext.Provider>,
        document.body,
      ),
    );
    const input = labelled('Export file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([file.text], file.name)] });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await until(() => (labelled('Format') as HTMLSelectElement).value === 'keyhold', 'format detected');
    const type = async (text: string) => {
      const field = labelled('File password') as HTMLInputElement;
      field.value = text;
      await act(() => void field.dispatchEvent(new Event('input', { bubbles: true })));
    };
    await type('wrong');
    await act(() => button('Preview')!.click());
    await until(() => document.querySelector('[role="alert"]') !== null, 'error');
    expect(document.querySelector('[role="alert"]')!.textContent).toMatch(/password/i);
    await type('export pass');
    await act(() => button('Preview')!.click());
    await until(() => button('Continue') !== undefined, 'preview');
    expect(document.querySelector('[data-testid="import-type-counts"]')!.textContent).toContain('Secure notes1');
  }, 30_000);
});
