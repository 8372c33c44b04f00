import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDashlaneCsv, parseDashlaneZip } from '../../src/import/formats/dashlane-csv';
import { parseColumnMapping, parseGenericCsv, sniffDelimiter } from '../../src/import/formats/generic-csv';
import { byName, expectSoundResult, fieldsOf, fixtureText, NOW } from './_helpers';

describe('Dashlane CSV', () => {
  it('imports credentials: three usernames, TOTP, category as folder', () => {
    const result = parseDashlaneCsv(fixtureText('dashlane-credentials.csv'), { now: NOW });
    expectSoundResult(result);
    const login = byName(result, 'Example', 'login');
    expect(login).toMatchObject({
      username: 'zoe@example.com',
      extraUsernames: ['zoe'],
      password: 'SECRET-dl-1',
      folder: 'Work',
      notes: 'note\ntwo lines',
    });
    expect(login.totp).toMatch(/^otpauth:/);
  });

  it('imports the zip: cards, bank accounts kept as notes, secure notes', () => {
    const zip = zipSync({
      'credentials.csv': strToU8(fixtureText('dashlane-credentials.csv')),
      'payments.csv': strToU8(fixtureText('dashlane-payments.csv')),
      'securenotes.csv': strToU8(fixtureText('dashlane-securenotes.csv')),
    });
    const result = parseDashlaneZip(zip, { now: NOW });
    expectSoundResult(result);
    expect(result.items.map((i) => i.type)).toEqual(['login', 'login', 'card', 'note', 'note']);
    expect(byName(result, 'My card', 'card')).toMatchObject({
      cardholder: 'Zoë Example',
      number: '4111111111111111',
      securityCode: 'SECRET-dl-cvv',
      expMonth: 7,
      expYear: 2029,
    });
    expect(byName(result, 'Checking', 'note').text).toContain('routing_number: SECRET-dl-routing');
    expect(byName(result, 'Door code', 'note').text).toBe('SECRET-dl-note 1234');
  });
});

describe('generic CSV', () => {
  it('imports with a column mapping and another delimiter; unmapped columns become custom fields', () => {
    const mapping = parseColumnMapping('name=Site,username=Login,password=Secret,url=Web,notes=Comment');
    const result = parseGenericCsv(fixtureText('generic.csv'), { mapping, delimiter: ';', now: NOW });
    expectSoundResult(result);
    const shop = byName(result, 'Shop', 'login');
    expect(shop).toMatchObject({ username: 'zoe', password: 'SECRET-gen-1', notes: 'bought shoes' });
    expect(fieldsOf(shop)).toEqual({ Extra: 'loyalty 42' });
  });

  it('finds the delimiter from the header row when none is given: semicolons and tabs too, quotes respected', () => {
    expect(sniffDelimiter('Site;Login;Secret\nShop;zoe;a,b,c')).toBe(';');
    expect(sniffDelimiter('Site\tLogin\tSecret\n')).toBe('\t');
    expect(sniffDelimiter('"a;b;c",d,e\n')).toBe(',');
    expect(sniffDelimiter('single column')).toBe(',');
    const mapping = parseColumnMapping('name=Site,username=Login,password=Secret,url=Web,notes=Comment');
    expect(byName(parseGenericCsv(fixtureText('generic.csv'), { mapping, now: NOW }), 'Shop', 'login').password).toBe('SECRET-gen-1');
  });

  it('refuses a mapping to a column the file does not have, and an unknown target', () => {
    expect(() => parseGenericCsv(fixtureText('generic.csv'), { mapping: { name: 'Nope' }, delimiter: ';' })).toThrow(
      expect.objectContaining({ detail: { code: 'missing-columns', columns: ['Nope'] } }),
    );
    expect(() => parseColumnMapping('colour=Site')).toThrow(/target/);
  });
});
