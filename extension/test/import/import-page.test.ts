// The vault page's side of import and export, in Node: the preview's counts and problem lists, the
// chunked sending with progress and cancel (a cancelled or failed import is dropped in the
// background too), the generic CSV's first column guess, and export files that import back.
import { describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import type { Item } from '@keyhold/shared/items/item';
import { parseImportFile } from '@keyhold/shared/import/registry';
import { previewOf } from '../../src/import/preview';
import { parseFile } from '../../src/import/parse-file';
import { ImportCancelled, stageImport, type ImportTransport } from '../../src/import/send-import';
import { guessMapping } from '../../src/ui/screens/import/column-mapping';
import { makeExportFile } from '../../src/ui/screens/export/export-file';
import { TYPE_ORDER } from '../../src/ui/lib/item-types';

const at = 1_700_000_000_000;
const login = (name: string, folder: string | null = null) => newItem('login', { name, username: 'ada', password: 'pw', folder }, at);

function recordingTransport(options: { failAt?: number } = {}) {
  const calls: string[] = [];
  const transport: ImportTransport = {
    begin: async (total) => (calls.push(`begin ${total}`), { importId: 'imp' }),
    add: async (_id, items) => {
      calls.push(`add ${items.length}`);
      if (options.failAt !== undefined && calls.filter((c) => c.startsWith('add')).length === options.failAt) throw new Error('refused');
      return { received: items.length, total: 0, counts: { new: items.length, identical: 0, updates: 0 } };
    },
    commit: async () => ({ added: 0, updated: 0, skipped: 0 }),
    cancel: async () => void calls.push('cancel'),
  };
  return { transport, calls };
}

describe('the import preview', () => {
  it('counts per type (in the usual order) and per folder, no folder first, and sorts problems into lists', () => {
    const note = newItem('note', { name: 'n', text: 't', folder: 'Work' }, at);
    const preview = previewOf(
      {
        items: [note, login('a', 'Work'), login('b'), login('c', 'Bank')],
        folders: ['Work', 'Bank'],
        problems: [
          { kind: 'kept-unmapped', at: { line: 3 }, fields: ['PIN'], keptIn: 'custom-fields' },
          { kind: 'skipped', at: { item: 7 }, reason: 'empty' },
          { kind: 'passkey-not-imported', at: { line: 9 }, count: 1 },
        ],
      },
      TYPE_ORDER,
    );
    expect(preview.total).toBe(4);
    expect(preview.byType).toEqual([
      { type: 'login', count: 3 },
      { type: 'note', count: 1 },
    ]);
    expect(preview.byFolder).toEqual([
      { folder: null, count: 1 },
      { folder: 'Bank', count: 1 },
      { folder: 'Work', count: 2 },
    ]);
    expect(preview.kept).toEqual(['line 3: PIN kept in the custom fields (Keyhold has no such field).']);
    expect(preview.skipped).toEqual(['item 7: not imported because it is empty.']);
    expect(preview.other[0]).toMatch(/^line 9: 1 passkey not imported/);
  });
});

describe('sending an import', () => {
  const items: Item[] = Array.from({ length: 1201 }, (_, i) => login(`item ${i}`));
  const fromArray = (all: Item[]) => ({ total: all.length, slice: async (start: number, end: number) => all.slice(start, end) });

  it('sends chunks of at most 500 with progress after each', async () => {
    const { transport, calls } = recordingTransport();
    const seen: number[] = [];
    const { importId } = await stageImport(transport, fromArray(items), {
      signal: new AbortController().signal,
      onProgress: (p) => seen.push(p.received),
    });
    expect(importId).toBe('imp');
    expect(calls).toEqual(['begin 1201', 'add 500', 'add 500', 'add 201']);
    expect(seen).toHaveLength(3);
  });

  it('fetches each chunk from where the file is held just before sending it', async () => {
    const { transport, calls } = recordingTransport();
    const source = fromArray(items);
    const counted = { total: source.total, slice: (start: number, end: number) => (calls.push(`slice ${start}`), source.slice(start, end)) };
    await stageImport(transport, counted, { signal: new AbortController().signal, onProgress: () => undefined });
    expect(calls).toEqual(['begin 1201', 'slice 0', 'add 500', 'slice 500', 'add 500', 'slice 1000', 'add 201']);
  });

  it('cancel between chunks stops sending and drops the staging in the background', async () => {
    const { transport, calls } = recordingTransport();
    const controller = new AbortController();
    const staging = stageImport(transport, fromArray(items), { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(staging).rejects.toBeInstanceOf(ImportCancelled);
    expect(calls).toEqual(['begin 1201', 'add 500', 'cancel']);
  });

  it('a refused chunk drops the staging too', async () => {
    const { transport, calls } = recordingTransport({ failAt: 2 });
    await expect(stageImport(transport, fromArray(items), { signal: new AbortController().signal, onProgress: () => undefined })).rejects.toThrow(
      'refused',
    );
    expect(calls).toEqual(['begin 1201', 'add 500', 'add 500', 'cancel']);
  });
});

describe('a parsed file', () => {
  it('holds the items where it was parsed: preview and count first, then slices, nothing after close', async () => {
    const csv = 'name,url,username,password\nBank,https://bank.example,ada,pw1\nMail,https://mail.example,ada,pw2\n';
    const parsed = await parseFile('chromium-csv', new TextEncoder().encode(csv), {}, TYPE_ORDER);
    expect(parsed.total).toBe(2);
    expect(parsed.preview.byType).toEqual([{ type: 'login', count: 2 }]);
    expect((await parsed.slice(1, 5)).map((i) => i.name)).toEqual(['Mail']);
    parsed.close();
    await expect(parsed.slice(0, 1)).rejects.toThrow('could not be read');
  });
});

describe('the generic CSV columns', () => {
  it('guesses each field from the usual column names, each column at most once', () => {
    expect(guessMapping(['Title', 'Web Site', 'Login', 'Password', 'Comments', 'Group', 'Extra'])).toEqual({
      name: 'Title',
      url: 'Web Site',
      username: 'Login',
      password: 'Password',
      notes: 'Comments',
      folder: 'Group',
    });
    expect(guessMapping(['a', 'b'])).toEqual({});
  });
});

describe('export files', () => {
  const items: Item[] = [login('Bank', 'Money'), newItem('note', { name: 'Trashed', text: 'old', trashedAt: at }, at)];

  it('a Keyhold export opens again with its password, every item whole', async () => {
    const file = await makeExportFile('keyhold', items, { password: 'export pass 1', date: new Date(at) });
    expect(file.name).toBe('keyhold-export-2023-11-14.json');
    expect(file.text).not.toContain('Bank');
    const back = await parseImportFile('keyhold', new TextEncoder().encode(file.text), { password: 'export pass 1' });
    expect(back.items.map((i) => i.name).sort()).toEqual(['Bank', 'Trashed']);
  }, 30_000);

  it('the Bitwarden files are plain, leave the trash out, and import back', async () => {
    for (const kind of ['bitwarden-json', 'bitwarden-csv'] as const) {
      const file = await makeExportFile(kind, items, { password: '', date: new Date(at) });
      expect(file.name).toBe(`keyhold-bitwarden-2023-11-14.${kind === 'bitwarden-csv' ? 'csv' : 'json'}`);
      const back = await parseImportFile(kind, new TextEncoder().encode(file.text));
      expect(back.items.map((i) => i.name)).toEqual(['Bank']);
    }
  });
});
