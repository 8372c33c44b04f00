// Import files are untrusted: each limit and each defence here has a test that fails without it.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/import/decode-text';
import { parseBitwardenJson } from '../../src/import/formats/bitwarden-json';
import { parseChromiumCsv } from '../../src/import/formats/chromium-csv';
import { parseOnePasswordPux } from '../../src/import/formats/onepassword-1pux';
import { ImportError } from '../../src/import/import-error';
import { IMPORT_LIMITS } from '../../src/import/limits';
import { parseJsonSafely } from '../../src/import/read-json';
import { createZipReader } from '../../src/import/read-zip';
import { expectSoundResult, NOW } from './_helpers';

function errorOf(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

const CHROME_HEADER = 'name,url,username,password,note\n';

describe('zip archives', () => {
  it('refuses an entry compressed like a bomb, before inflating it', () => {
    const bomb = zipSync({ 'export.data': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(40_000);
    expect(errorOf(() => parseOnePasswordPux(bomb)).detail).toEqual({ code: 'zip-ratio', entry: 'export.data', limit: IMPORT_LIMITS.maxZipRatio });
  });

  it('refuses entries whose total unpacked size is over the limit', () => {
    const zip = zipSync({ 'export.data': strToU8('x'.repeat(5000)) }, { level: 0 });
    expect(errorOf(() => createZipReader(zip, { maxInflatedBytes: 1000 }).read('export.data')).detail).toMatchObject({ code: 'zip-too-large' });
  });

  it('refuses an archive listing too many entries', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`files/${i}`, new Uint8Array(1)]));
    expect(errorOf(() => createZipReader(zipSync(many), { maxEntries: 10 })).detail).toEqual({ code: 'zip-too-many-entries', limit: 10 });
  });

  it('never inflates past the declared size: an entry lying about it is cut short and fails to parse', () => {
    const zip = zipSync({ 'export.data': strToU8(JSON.stringify({ accounts: [] }).padEnd(5000, ' ')) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i < zip.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 5, true);
    expect(errorOf(() => parseOnePasswordPux(zip)).detail).toMatchObject({ code: 'malformed-json' });
  });

  it('refuses what is not a zip, or a damaged one', () => {
    expect(errorOf(() => parseOnePasswordPux(strToU8('{"accounts": []}'))).detail).toEqual({ code: 'zip-invalid' });
    const damaged = zipSync({ 'export.data': strToU8('{}') }).slice(0, 30);
    expect(errorOf(() => parseOnePasswordPux(damaged)).detail).toEqual({ code: 'zip-invalid' });
  });
});

describe('JSON', () => {
  it('refuses deep nesting before parsing, saying where', () => {
    const deep = `{"items": [\n${'['.repeat(100_000)}`;
    expect(errorOf(() => parseBitwardenJson(deep)).detail).toEqual({ code: 'json-too-deep', limit: 64, line: 2, column: 63 });
  });

  it('does not count brackets inside strings', () => {
    const notes = '[{'.repeat(200);
    const result = parseBitwardenJson(JSON.stringify({ encrypted: false, items: [{ type: 2, name: 'n', notes }] }), { now: NOW });
    expect(result.items[0]?.type === 'note' && result.items[0].text).toBe(notes);
  });

  it('drops __proto__ members: nothing reaches Object.prototype, and the items still import', () => {
    const hostile =
      '{"__proto__": {"polluted": "yes"}, "encrypted": false, "folders": [{"id": "constructor", "name": "F"}], "items": [' +
      '{"__proto__": {"type": 3}, "type": 1, "name": "x", "folderId": "toString", "login": {"__proto__": {"password": "SECRET-inherited"}, "username": "u"}}]}';
    const result = parseBitwardenJson(hostile, { now: NOW });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ type: 'login', username: 'u', password: '', folder: null });
    expect(Object.hasOwn(parseJsonSafely('{"__proto__": 1}') as object, '__proto__')).toBe(false);
  });

  it('reports a syntax error by line and column, never quoting the file', () => {
    const broken = '{\n  "items": [\n    {"password": "SECRET-near-error" oops}\n  ]\n}';
    const error = errorOf(() => parseBitwardenJson(broken));
    expect(error.detail).toMatchObject({ code: 'malformed-json', line: 3 });
    expect(error.message).not.toMatch(/SECRET-|oops/);
  });
});

describe('CSV', () => {
  it('refuses an unclosed quote, naming the line where the row starts', () => {
    const csv = `${CHROME_HEADER}a,https://a.example,u,p,\nb,https://b.example,u,"SECRET-unclosed,\nc,https://c.example,u,p,\n`;
    const error = errorOf(() => parseChromiumCsv(csv));
    expect(error.detail).toEqual({ code: 'malformed-csv', line: 3, problem: 'unclosed-quote' });
    expect(error.message).not.toMatch(/SECRET-/);
  });

  it('skips an item larger than any real one and imports the rest', () => {
    const csv = `${CHROME_HEADER}big,https://big.example,u,${'x'.repeat(IMPORT_LIMITS.maxItemChars + 1)},\nok,https://ok.example,u,SECRET-ok,\n`;
    const result = parseChromiumCsv(csv, { now: NOW });
    expectSoundResult(result);
    expect(result.items.map((i) => i.name)).toEqual(['ok']);
    expect(result.problems).toEqual([{ kind: 'skipped', at: { line: 2 }, reason: 'too-large' }]);
  });

  it('refuses a file over the size limit before parsing', () => {
    expect(errorOf(() => decodeText(new Uint8Array(2048), 1024)).detail).toEqual({ code: 'file-too-large', limitBytes: 1024 });
    expect(errorOf(() => parseChromiumCsv('x'.repeat(IMPORT_LIMITS.maxTextBytes + 1))).detail).toMatchObject({ code: 'file-too-large' });
  });

  it('refuses a file with more items than the cap', () => {
    const csv = CHROME_HEADER + Array.from({ length: 5 }, (_, i) => `n${i},https://${i}.example,u,p,`).join('\n');
    expect(errorOf(() => parseChromiumCsv(csv, { maxItems: 3 })).detail).toEqual({ code: 'too-many-items', limit: 3 });
  });

  it('refuses a file without the columns of the format chosen', () => {
    expect(errorOf(() => parseChromiumCsv('Title,Login\nx,y\n')).detail).toEqual({
      code: 'missing-columns',
      columns: ['url', 'username', 'password'],
    });
  });

  it('keeps cells beyond the header as fields rather than dropping them', () => {
    const result = parseChromiumCsv(`${CHROME_HEADER}a,https://a.example,u,p,n,SECRET-extra\n`, { now: NOW });
    expect(result.items[0]?.type === 'login' && result.items[0].customFields.map((f) => [f.name, f.value])).toEqual([['Column 6', 'SECRET-extra']]);
    expect(result.problems).toEqual([{ kind: 'kept-unmapped', at: { line: 2 }, fields: ['Column 6'], keptIn: 'custom-fields' }]);
  });

  it('reads UTF-16 with a byte-order mark (as Windows tools write it)', () => {
    const text = `${CHROME_HEADER}Zoë,https://z.example,zoë,p,\n`;
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    expect(parseChromiumCsv(decodeText(bytes), { now: NOW }).items[0]?.name).toBe('Zoë');
  });
});

describe('size', () => {
  it('imports 10,000 Bitwarden items', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      type: 1,
      name: `Site ${i}`,
      notes: null,
      favorite: false,
      login: { username: `user${i}`, password: `SECRET-${i}`, uris: [{ match: null, uri: `https://${i}.example.com` }], totp: null },
      revisionDate: '2024-01-01T00:00:00.000Z',
      creationDate: '2024-01-01T00:00:00.000Z',
    }));
    const result = parseBitwardenJson(JSON.stringify({ encrypted: false, folders: [], items }), { now: NOW });
    expect(result.items).toHaveLength(10_000);
    expect(result.problems).toEqual([]);
  });
});
