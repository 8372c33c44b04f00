import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseOnePasswordPux } from '../../src/import/formats/onepassword-1pux';
import { byName, expectSoundResult, fieldsOf, fixtureText, NOW } from './_helpers';

/** A .1pux as 1Password writes it: the data, the attributes, and an attachment under files/. */
function puxArchive(data: string): Uint8Array {
  return zipSync({
    'export.attributes': strToU8(JSON.stringify({ version: 3, description: '1Password Unencrypted Export', createdAt: 1710000000 })),
    'export.data': strToU8(data),
    'files/docid1__codes.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  });
}

describe('1Password 1PUX', () => {
  const result = parseOnePasswordPux(puxArchive(fixtureText('1pux-export.data.json')), { now: NOW });

  it('imports every vault as a folder and every category to the closest type', () => {
    expectSoundResult(result);
    expect(result.folders).toEqual(['Personal', 'Family']);
    expect(result.items.map((i) => [i.name, i.type, i.folder])).toEqual([
      ['Example — login', 'login', 'Personal'],
      ['Visa card', 'card', 'Personal'],
      ['A note', 'note', 'Personal'],
      ['Zoë', 'identity', 'Family'],
      ['CI token', 'api-key', 'Family'],
      ['Home Wi-Fi', 'note', 'Family'],
    ]);
  });

  it('maps a login: designated fields, URLs, TOTP, section fields, form fields, history, times, tags, favorite', () => {
    const login = byName(result, 'Example — login', 'login');
    expect(login).toMatchObject({
      username: 'zoe@example.com',
      password: 'SECRET-1pux-pw',
      favorite: true,
      tags: ['work', '2fa'],
      notes: 'Login notes\nwith two lines',
    });
    expect(login.urls.map((u) => u.url)).toEqual(['https://example.com/login', 'https://app.example.com']);
    expect(login.totp).toMatch(/^otpauth:/);
    expect(login.customFields.map((f) => [f.name, f.kind])).toEqual([
      ['remember', 'text'],
      ['recovery code', 'hidden'],
      ['backup site', 'url'],
    ]);
    expect(login.history).toEqual([{ value: 'SECRET-1pux-old', changedAt: 1690000000000, reason: 'changed' }]);
    expect(login).toMatchObject({ createdAt: 1700000000000, updatedAt: 1710000000000 });
    expect(result.problems).toContainEqual({ kind: 'attachment-not-imported', at: { item: 1 }, count: 1 });
  });

  it('maps a card with its month-year expiry; archived items are tagged; other fields go to the notes', () => {
    const card = byName(result, 'Visa card', 'card');
    expect(card).toMatchObject({
      cardholder: 'Zoë Example',
      brand: 'visa',
      number: '4111 1111 1111 1111',
      securityCode: 'SECRET-cvv-1pux',
      expMonth: 12,
      expYear: 2029,
      tags: ['archived'],
    });
    expect(card.notes).toBe('valid from: 01/2024\nphone (toll free): 800-555-0199');
  });

  it('maps an identity (birth date, address, phone, email) and an API credential', () => {
    const me = byName(result, 'Zoë', 'identity');
    expect(me).toMatchObject({
      firstName: 'Zoë',
      middleName: 'Q',
      lastName: 'Example',
      company: 'Example Co',
      email: 'zoe@example.com',
      phone: '+1 555 0100',
      birthDate: '1990-05-26',
      addressLines: ['1 Main St'],
    });
    expect(me.notes).toContain('Springfield IL 62701');
    const api = byName(result, 'CI token', 'api-key');
    expect(api).toMatchObject({
      key: 'ci-bot',
      secret: 'SECRET-api-token',
      serviceUrl: 'api.example.com',
      expiresOn: '2030-01-01',
      notes: 'for CI\n\ntype: bearer',
    });
  });

  it('keeps categories Keyhold has no type for as notes holding every field', () => {
    expect(byName(result, 'Home Wi-Fi', 'note').text).toBe('network name: HomeNet\nwireless network password: SECRET-wifi');
    expect(fieldsOf(byName(result, 'Home Wi-Fi', 'note'))).toEqual({});
  });

  it('refuses an archive without export.data', () => {
    const other = zipSync({ 'readme.txt': strToU8('hello') });
    expect(() => parseOnePasswordPux(other)).toThrow(expect.objectContaining({ detail: { code: 'zip-missing-entry', entry: 'export.data' } }));
  });
});
