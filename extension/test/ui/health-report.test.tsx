// The health report's lists, rendered in jsdom: every kind of finding with its detail and
// change-password link, "not checked" when breach checks were off, long lists drawn 200 at a time,
// arrow keys moving between entries, and an entry opening its item.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { HealthReportView } from '../../src/health/health-view';
import type { ListRow } from '../../src/vault/list-row';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/vault.html' });
for (const name of ['window', 'document', 'navigator', 'Node', 'HTMLElement', 'HTMLButtonElement', 'Event', 'KeyboardEvent'] as const) {
  Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : dom.window[name], configurable: true, writable: true });
}
const { HealthReport } = await import('../../src/ui/screens/health/health-report');

const row = (n: number, name = `Site ${n}`): ListRow => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'login',
  name,
  subtitle: `user${n}`,
  domain: `site${n}.example`,
  favorite: false,
  tags: [],
  folder: null,
  trashed: false,
  hasTotp: false,
  updatedAt: 0,
  unreadable: false,
});
const entry = (n: number, name?: string) => ({
  id: row(n).id,
  row: row(n, name),
  changePasswordUrl: `https://site${n}.example/.well-known/change-password`,
});

async function mount(report: HealthReportView): Promise<{ root: HTMLElement; opened: string[] }> {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const opened: string[] = [];
  await act(() => render(<HealthReport report={report} onOpen={(id) => opened.push(id)} />, root));
  return { root, opened };
}

const base: HealthReportView = { finishedAt: 0, checked: 5, breachesChecked: true, breached: [], reused: [], weak: [], old: [] };

describe('the health report', () => {
  it('shows each finding with its detail and change-password link, and opens the item', async () => {
    const { root, opened } = await mount({
      ...base,
      breached: [{ ...entry(1, 'GitHub'), count: 4242 }],
      reused: [[entry(2, 'Mail'), entry(3, 'Forum')]],
      weak: [{ ...entry(4, 'Blog'), score: 1 }],
      old: [{ ...entry(5, 'Archive'), setAt: Date.UTC(2024, 0, 15) }],
    });
    const section = (name: string) => root.querySelector(`[data-testid="health-section-${name}"]`)!;
    expect(section('breached').textContent).toContain('GitHub');
    expect(section('breached').textContent).toContain('seen 4,242 times in breaches');
    expect(section('reused').textContent).toContain('The same password in 2 logins');
    expect(section('reused').querySelector('.health-count')!.textContent).toBe('2');
    expect(section('weak').textContent).toContain('Very weak');
    expect(section('old').textContent).toMatch(/Set .*2024/);
    const link = section('weak').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://site4.example/.well-known/change-password');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    await act(() => (section('breached').querySelector('button') as HTMLButtonElement).click());
    expect(opened).toEqual([row(1).id]);
  });

  it('says breaches were not checked when the opt-in was off', async () => {
    const { root } = await mount({ ...base, breachesChecked: false, weak: [{ ...entry(1), score: 0 }] });
    expect(root.querySelector('[data-testid="health-section-breached"]')!.textContent).toContain('Breaches were not checked');
  });

  it('draws 200 entries of a long list until "Show all"', async () => {
    const weak = Array.from({ length: 250 }, (_, i) => ({ ...entry(i + 1), score: 2 }));
    const { root } = await mount({ ...base, weak });
    const section = root.querySelector('[data-testid="health-section-weak"]')!;
    expect(section.querySelectorAll('li')).toHaveLength(200);
    const more = [...section.querySelectorAll('button')].find((b) => b.textContent === 'Show all 250')!;
    await act(() => more.click());
    expect(section.querySelectorAll('li')).toHaveLength(250);
  });

  it('moves between entries with the arrow keys, Home and End', async () => {
    const { root } = await mount({ ...base, weak: [1, 2, 3].map((n) => ({ ...entry(n), score: 1 })) });
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.health-open')];
    buttons[0]!.focus();
    const press = (key: string) => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    await press('ArrowDown');
    expect(document.activeElement).toBe(buttons[1]);
    await press('End');
    expect(document.activeElement).toBe(buttons[2]);
    await press('ArrowDown');
    expect(document.activeElement).toBe(buttons[2]);
    await press('Home');
    expect(document.activeElement).toBe(buttons[0]);
  });
});
