// What sync tells the user is in the catalogue's language: an integrity report is worded when it is
// shown, by its kind (also one stored by an older version with an English `message`), and the
// engine's run results come from the catalogue. Rendered in jsdom with the German catalogue.
import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import type { Catalogue } from '../../src/i18n/catalogue';
import { t, useCatalogue } from '../../src/i18n/messages';
import { REPORT_MESSAGES, type ReportKind } from '../../src/sync/reports';
import type { SyncStatus } from '../../src/sync/status';
import { createDevice } from '../sync/helpers/device';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/vault.html' });
for (const name of ['window', 'document', 'navigator', 'Node', 'HTMLElement', 'HTMLButtonElement', 'Event'] as const) {
  Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : dom.window[name], configurable: true, writable: true });
}
const { SyncReports } = await import('../../src/ui/sync/sync-reports');

const NOW = 1_750_000_000_000;
const KINDS = Object.keys(REPORT_MESSAGES) as ReportKind[];
type ShownReport = SyncStatus['reports'][number];
const swapped: ShownReport = {
  kind: 'undecryptable',
  itemId: '00000000-0000-4000-8000-000000000001',
  revision: 3,
  at: NOW - 5 * 60_000,
  itemName: 'GitHub',
};

async function shown(reports: ShownReport[]): Promise<string> {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(() => render(<SyncReports reports={reports} now={NOW} onDismiss={() => {}} />, root));
  return [...root.querySelectorAll('li')].map((li) => li.textContent ?? '').join('\n');
}

afterEach(() => useCatalogue(english as Catalogue));

describe('integrity reports', () => {
  it('say what happened in English, after the item they concern', async () => {
    expect(await shown([swapped])).toMatch(/^GitHub: An item from the server could not be decrypted: .* It was refused; your copy is unchanged\./);
  });

  it('are shown in German with the German catalogue, by their kind, whatever English a stored report carries', async () => {
    useCatalogue(german as Catalogue);
    const stored = { ...swapped, message: 'It was refused; your copy is unchanged.' } as ShownReport;
    const text = await shown([stored, { ...swapped, kind: 'server-rollback', itemId: null, itemName: null }]);
    expect(text).toContain('GitHub: Ein Eintrag vom Server ließ sich nicht entschlüsseln');
    expect(text).toContain('Er wurde abgelehnt; deine Kopie ist unverändert.');
    expect(text).toContain('Die Synchronisierung ist angehalten; dein lokaler Tresor ist unverändert.');
    expect(text).not.toMatch(/refused|unchanged|server's/);
  });

  it('have a German message of their own for every kind', () => {
    const inEnglish = KINDS.map((kind) => t(REPORT_MESSAGES[kind]));
    useCatalogue(german as Catalogue);
    const inGerman = KINDS.map((kind) => t(REPORT_MESSAGES[kind]));
    expect(new Set(inGerman).size).toBe(KINDS.length);
    inGerman.forEach((text, i) => {
      expect(text).not.toBe(REPORT_MESSAGES[KINDS[i]!]);
      expect(text).not.toBe(inEnglish[i]);
    });
  });
});

describe("the sync engine's run results", () => {
  it('come from the catalogue', async () => {
    useCatalogue(german as Catalogue);
    const device = createDevice({ clock: { now: NOW } });
    expect(await device.engine.syncNow()).toEqual({ ok: false, reason: 'signed-out', message: 'Die Synchronisierung ist auf diesem Gerät aus.' });
  });
});
