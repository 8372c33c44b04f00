import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProtonPassJson, parseProtonPassZip } from '../../src/import/formats/proton-pass';
import { byName, expectSoundResult, fieldsOf, fixtureText, NOW } from './_helpers';

describe('Proton Pass', () => {
  const result = parseProtonPassJson(fixtureText('proton-pass.json'), { now: NOW });

  it('imports every vault as a folder and every item type', () => {
    expectSoundResult(result);
    expect(result.folders).toEqual(['Personal', 'Work']);
    expect(result.items.map((i) => [i.name, i.type])).toEqual([
      ['Example login', 'login'],
      ['Newsletter alias', 'login'],
      ['Visa', 'card'],
      ['Meeting notes', 'note'],
      ['Work identity', 'identity'],
      ['Office Wi-Fi', 'note'],
    ]);
  });

  it('maps a login: username and email, several URLs, TOTP, extra fields, pinned, times; reports the passkey', () => {
    const login = byName(result, 'Example login', 'login');
    expect(login).toMatchObject({
      username: 'zoe',
      extraUsernames: ['zoe@example.com'],
      password: 'SECRET-proton-pw',
      favorite: true,
      createdAt: 1700000000000,
      updatedAt: 1710000000000,
    });
    expect(login.urls.map((u) => u.url)).toEqual(['https://example.com/', 'https://app.example.com/']);
    expect(login.totp).toMatch(/^otpauth:/);
    expect(login.customFields.map((f) => [f.name, f.kind])).toEqual([
      ['PIN', 'hidden'],
      ['Account no', 'text'],
      ['Backup 2FA', 'hidden'],
    ]);
    expect(result.problems).toContainEqual({ kind: 'passkey-not-imported', at: { item: 1 }, count: 1 });
  });

  it('maps an alias to a login with its address, a trashed card, a note, an identity', () => {
    expect(byName(result, 'Newsletter alias', 'login').username).toBe('news.zoe@passmail.net');
    const card = byName(result, 'Visa', 'card');
    expect(card).toMatchObject({
      number: '4111111111111111',
      securityCode: 'SECRET-proton-cvv',
      pin: 'SECRET-proton-cardpin',
      expMonth: 7,
      expYear: 2029,
      trashedAt: 1705000000000,
    });
    expect(byName(result, 'Meeting notes', 'note')).toMatchObject({ text: 'SECRET-proton-note\nsecond line', folder: 'Work' });
    const id = byName(result, 'Work identity', 'identity');
    expect(id).toMatchObject({
      firstName: 'Zoë',
      middleName: 'Q',
      lastName: 'Example',
      birthDate: '1990-06-01',
      company: 'Example Co',
      addressLines: ['1 Main St'],
      region: 'IL',
    });
    expect(id.notes).toBe('floor: 3\nsocialSecurityNumber: SECRET-proton-ssn\nxHandle: @zoe\njobTitle: Engineer\nShoe size: 38');
  });

  it('keeps a type it does not know as a note with its values, and reports the attachment', () => {
    expect(byName(result, 'Office Wi-Fi', 'note').text).toBe('Proton Pass type: wifi\nssid: Office\npassword: SECRET-proton-wifi');
    expect(result.problems).toContainEqual({ kind: 'attachment-not-imported', at: { item: 6 }, count: 1 });
    expect(fieldsOf(byName(result, 'Office Wi-Fi', 'note'))).toEqual({});
  });

  it('reads the zip export', () => {
    const zip = zipSync({ 'Proton Pass/data.json': strToU8(fixtureText('proton-pass.json')), 'Proton Pass/files/ZmlsZS0x': new Uint8Array(3) });
    expect(parseProtonPassZip(zip, { now: NOW }).items).toHaveLength(6);
  });

  it('refuses the encrypted exports', () => {
    expect(() => parseProtonPassJson('-----BEGIN PGP MESSAGE-----\n\nwcFMA...\n-----END PGP MESSAGE-----\n')).toThrow(
      expect.objectContaining({ detail: { code: 'encrypted-export', vendor: 'Proton Pass' } }),
    );
    expect(() => parseProtonPassJson('{"version":"1","encrypted":true,"vaults":{}}')).toThrow(
      expect.objectContaining({ detail: { code: 'encrypted-export', vendor: 'Proton Pass' } }),
    );
  });
});
