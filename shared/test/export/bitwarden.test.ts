// Leaving for Bitwarden: the JSON and CSV exports read back through Keyhold's own Bitwarden importers
// give the same logins (names, usernames, passwords, URIs with match modes, TOTP, notes, folders,
// favorites, custom fields, old passwords), and every other type lands with its values named.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BITWARDEN_CSV_COLUMNS, exportBitwardenCsv } from '../../src/export/bitwarden-csv';
import { exportBitwardenJson } from '../../src/export/bitwarden-json';
import { parseBitwardenCsv } from '../../src/import/formats/bitwarden-csv';
import { parseBitwardenJson } from '../../src/import/formats/bitwarden-json';
import { fieldOf, normalizeHistory } from '../../src/items/history';
import type { Item, KnownItem, LoginItem } from '../../src/items/item';
import { newItem } from '../../src/items/new-item';
import { itemsArb } from './_arbitraries';

const NOW = Date.UTC(2026, 0, 1);

/** What a Bitwarden round trip keeps of a login. Bitwarden knows no URL field kind (it is text). */
function loginView(item: LoginItem, options: { matchModes: boolean; history: boolean }) {
  const extras = [
    ...(item.tags.length > 0 ? [{ name: 'Tags', value: item.tags.join(', '), kind: 'text' }] : []),
    ...item.extraUsernames.map((value) => ({ name: 'Additional username', value, kind: 'text' })),
  ];
  return {
    name: item.name,
    username: item.username,
    password: item.password,
    urls: item.urls.map((u) => ({ url: u.url, match: options.matchModes ? u.match : 'default' })),
    totp: item.totp,
    notes: item.notes,
    folder: item.folder,
    favorite: item.favorite,
    customFields: [...item.customFields.map((f) => ({ name: f.name, value: f.value, kind: f.kind === 'url' ? 'text' : f.kind })), ...extras].map(
      (f) => (options.matchModes ? f : { ...f, kind: 'text' }),
    ),
    ...(options.history
      ? {
          createdAt: item.createdAt,
          updatedAt: item.updatedAt,
          history: normalizeHistory(
            item.history
              .filter((h) => fieldOf(h) === 'password' && typeof h.value === 'string' && h.value !== '')
              .map((h) => ({ value: h.value, changedAt: h.changedAt, reason: 'changed' })),
          ).map((h) => [h.value, h.changedAt]),
        }
      : {}),
  };
}

function importedView(item: KnownItem, options: { matchModes: boolean; history: boolean }) {
  expect(item.type).toBe('login');
  const login = item as LoginItem;
  return {
    ...loginView({ ...login, tags: [], extraUsernames: [], history: [] }, options),
    ...(options.history ? { createdAt: login.createdAt, updatedAt: login.updatedAt, history: login.history.map((h) => [h.value, h.changedAt]) } : {}),
  };
}

const logins = (items: readonly Item[]) => items.filter((i): i is LoginItem => i.type === 'login' && i.trashedAt === null);

// Values the formats themselves cannot carry are kept out of the generated text: surrounding spaces
// (the importers trim URLs and folders), and for CSV line breaks, commas in URLs, ": " in field names,
// and the formula characters the CSV writer neutralises (tested on their own in csv-injection.test.ts).
const jsonText = fc.string({ unit: 'grapheme', maxLength: 16 }).filter((s) => s === s.trim());
const csvText = fc
  .string({ unit: 'grapheme', maxLength: 16 })
  .filter((s) => s === s.trim() && !/[\r\n,]|: /.test(s) && !/^[=+\-@\t\r']/.test(s) && !s.includes(':'));

describe('Bitwarden JSON export', () => {
  it('round-trips logins through the Bitwarden JSON importer: every field Bitwarden has', () => {
    fc.assert(
      fc.property(itemsArb({ text: jsonText, types: ['login', 'note', 'card'], maxLength: 8 }), (items) => {
        const result = parseBitwardenJson(exportBitwardenJson(items), { now: NOW });
        const expected = logins(items).map((i) => loginView(i, { matchModes: true, history: true }));
        const got = result.items.filter((i) => i.type === 'login').map((i) => importedView(i, { matchModes: true, history: true }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('writes the Bitwarden shape: folders by id, URI match numbers, field types, dates, null for empty', () => {
    const login = newItem(
      'login',
      {
        name: 'Mail',
        username: 'ada',
        password: 'pw',
        urls: [
          { url: 'https://mail.example', match: 'default' },
          { url: 'https://sso.example', match: 'host' },
        ],
        customFields: [{ id: 'f1', name: 'PIN', value: '1234', kind: 'hidden' }],
        folder: 'Work',
        favorite: true,
      },
      NOW,
    );
    const parsed = JSON.parse(exportBitwardenJson([login]));
    expect(parsed.encrypted).toBe(false);
    expect(parsed.folders).toEqual([{ id: expect.any(String), name: 'Work' }]);
    expect(parsed.items[0]).toMatchObject({
      id: login.id,
      type: 1,
      folderId: parsed.folders[0].id,
      favorite: true,
      notes: null,
      reprompt: 0,
      creationDate: '2026-01-01T00:00:00.000Z',
      revisionDate: '2026-01-01T00:00:00.000Z',
      deletedDate: null,
      fields: [{ name: 'PIN', value: '1234', type: 1, linkedId: null }],
      login: {
        username: 'ada',
        password: 'pw',
        totp: null,
        uris: [
          { match: null, uri: 'https://mail.example' },
          { match: 1, uri: 'https://sso.example' },
        ],
      },
    });
  });

  it('maps cards, identities, notes and API keys; Keyhold-only values become named fields; trash is left out', () => {
    const card = newItem(
      'card',
      { name: 'Visa', brand: 'Visa', cardholder: 'Ada', number: '4111111111111111', expMonth: 7, expYear: 2029, securityCode: '123', pin: '9876' },
      NOW,
    );
    const identity = newItem(
      'identity',
      {
        name: 'Me',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        addressLines: ['1 Main St', 'Flat 2'],
        birthDate: '1815-12-10',
        tags: ['family'],
      },
      NOW,
    );
    const apiKey = newItem('api-key', { name: 'Cloud', serviceUrl: 'https://api.example', key: 'AKIA', secret: 'shh', notes: 'prod' }, NOW);
    const note = newItem('note', { name: 'Wifi', text: 'guest: hunter2' }, NOW);
    const trashed = newItem('note', { name: 'Old', text: 'gone', trashedAt: NOW }, NOW);
    const result = parseBitwardenJson(exportBitwardenJson([card, identity, apiKey, note, trashed]), { now: NOW });
    expect(result.items.map((i) => [i.type, i.name])).toEqual([
      ['card', 'Visa'],
      ['identity', 'Me'],
      ['note', 'Cloud'],
      ['note', 'Wifi'],
    ]);
    expect(result.items[0]).toMatchObject({
      cardholder: 'Ada',
      number: '4111111111111111',
      expMonth: 7,
      expYear: 2029,
      securityCode: '123',
      notes: 'PIN: 9876',
    });
    expect(result.items[1]).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      addressLines: ['1 Main St', 'Flat 2'],
    });
    expect((result.items[1] as { notes: string }).notes).toBe('Birth date: 1815-12-10\nTags: family');
    expect((result.items[2] as { text: string }).text).toBe('prod\n\nService URL: https://api.example\nKey: AKIA\nSecret: shh');
    expect(result.items[3]).toMatchObject({ text: 'guest: hunter2' });
  });
});

describe('Bitwarden CSV export', () => {
  it('has exactly the individual-vault columns', () => {
    const [header] = exportBitwardenCsv([]).split('\r\n');
    expect(header).toBe('folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp');
    expect(header!.split(',')).toEqual([...BITWARDEN_CSV_COLUMNS]);
  });

  it('round-trips logins through the Bitwarden CSV importer: names, usernames, passwords, URIs, TOTP, notes, folders, favorites, fields', () => {
    fc.assert(
      fc.property(itemsArb({ text: csvText, types: ['login', 'note'], maxLength: 8, history: false }), (items) => {
        const result = parseBitwardenCsv(exportBitwardenCsv(items), { now: NOW });
        const expected = logins(items).map((i) => loginView(i, { matchModes: false, history: false }));
        const got = result.items.filter((i) => i.type === 'login').map((i) => importedView(i, { matchModes: false, history: false }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps quotes, commas and line breaks in names and notes (RFC 4180 quoting)', () => {
    const login = newItem('login', { name: 'Mail, "primary"', notes: 'line one\nline two, "quoted"', username: 'zoë', password: 'p"w,1' }, NOW);
    const [imported] = parseBitwardenCsv(exportBitwardenCsv([login]), { now: NOW }).items;
    expect(imported).toMatchObject({ name: 'Mail, "primary"', notes: 'line one\nline two, "quoted"', username: 'zoë', password: 'p"w,1' });
  });

  it('writes cards, identities and API keys as notes with their values in fields, so nothing is dropped', () => {
    const card = newItem('card', { name: 'Visa', number: '4111111111111111', expMonth: 7, expYear: 2029, securityCode: '123' }, NOW);
    const apiKey = newItem('api-key', { name: 'Cloud', key: 'AKIA', secret: 'shh' }, NOW);
    const rows = Papa.parse<string[]>(exportBitwardenCsv([card, apiKey]).trim()).data;
    expect(rows[1]?.slice(2, 6)).toEqual(['note', 'Visa', '', 'Number: 4111111111111111\nExpiry: 07/2029\nSecurity code: 123']);
    expect(rows[2]?.slice(2, 6)).toEqual(['note', 'Cloud', '', 'Key: AKIA\nSecret: shh']);
  });
});
