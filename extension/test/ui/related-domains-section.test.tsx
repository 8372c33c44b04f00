// The Settings section for related websites, rendered in jsdom: a group the user types is saved as
// its domains (one that is not a website is pointed out), a group can be removed, and a built-in
// group can be turned off and on. `send` records what the section asks the background to store.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../src/vault/settings';
import { AppContext, type AppServices } from '../../src/ui/app/context';

let stored: Settings = DEFAULT_SETTINGS;
const patches: unknown[] = [];
vi.mock('../../src/messaging/client', () => ({
  MessageError: class MessageError extends Error {},
  send: async (type: string, patch: Partial<Settings>) => {
    if (type !== 'settings.set') throw new Error(`unexpected ${type}`);
    patches.push(patch);
    stored = settingsSchema.parse({ ...stored, ...patch });
    return stored;
  },
}));

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/vault.html' });
for (const name of ['window', 'document', 'navigator', 'Node', 'HTMLElement', 'HTMLInputElement', 'Event'] as const) {
  Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : dom.window[name], configurable: true, writable: true });
}
const { RelatedDomainsSection } = await import('../../src/ui/screens/settings/related-domains-section');

const noop = () => undefined;
const app = {
  layout: 'page',
  screen: { name: 'settings' },
  go: noop,
  back: noop,
  replace: noop,
  reset: noop,
  toast: noop,
  copy: async () => undefined,
  fail: (error: unknown) => {
    throw error;
  },
  dataVersion: 0,
  changed: noop,
  unlocked: async () => undefined,
  lock: async () => undefined,
} as unknown as AppServices;

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));
const button = (label: string) =>
  document.querySelector(`button[aria-label="${label}"]`) ?? [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
const type = async (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
  await flush();
};

afterEach(() => {
  render(null, document.body);
  patches.length = 0;
  stored = DEFAULT_SETTINGS;
});

describe('RelatedDomainsSection', () => {
  it('saves a group of the user, points out what is not a website, and removes it', async () => {
    await act(() =>
      render(
        <AppContext.Provider value={app}>
          <RelatedDomainsSection initial={stored} />
        </AppContext.Provider>,
        document.body,
      ),
    );
    (button('+ Add a group') as HTMLButtonElement).click();
    await flush();
    const input = document.querySelector('input[placeholder="gap.com, gapcanada.ca"]') as HTMLInputElement;
    await type(input, 'gap.com, gapcanada.ca, not a site');
    expect(document.body.textContent).toContain('Not a website: not, a, site');
    await type(input, 'gap.com, https://www.gapcanada.ca/');
    (button('Save group 1') as HTMLButtonElement).click();
    await flush();
    expect(stored.relatedDomains.custom).toEqual([['gap.com', 'https://www.gapcanada.ca/']]);
    (button('Remove group 1') as HTMLButtonElement).click();
    await flush();
    expect(stored.relatedDomains.custom).toEqual([]);
  });

  it('turns a built-in group off and on again', async () => {
    await act(() =>
      render(
        <AppContext.Provider value={app}>
          <RelatedDomainsSection initial={stored} />
        </AppContext.Provider>,
        document.body,
      ),
    );
    const box = [...document.querySelectorAll('label')].find((l) => l.textContent?.includes('safeway.com'))!.querySelector('input')!;
    expect(box.checked).toBe(true);
    box.click();
    await flush();
    expect(stored.relatedDomains.disabled).toEqual(['shared:acmemarkets.com']);
    box.click();
    await flush();
    expect(stored.relatedDomains.disabled).toEqual([]);
  });
});
