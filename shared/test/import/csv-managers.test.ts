import { describe, expect, it } from 'vitest';
import { parseKeePassXcCsv } from '../../src/import/formats/keepassxc-csv';
import { parseLastPassCsv } from '../../src/import/formats/lastpass-csv';
import { parseOnePasswordCsv } from '../../src/import/formats/onepassword-csv';
import { byName, expectSoundResult, fieldsOf, fixtureText, NOW } from './_helpers';

describe('LastPass CSV', () => {
  const result = parseLastPassCsv(fixtureText('lastpass.csv'), { now: NOW });

  it('imports logins with TOTP, folders from the grouping path, favorites', () => {
    expectSoundResult(result);
    expect(result.items.map((i) => i.type)).toEqual(['login', 'card', 'identity', 'note', 'note', 'login']);
    const login = byName(result, 'Example account', 'login');
    expect(login).toMatchObject({
      username: 'zoe@example.com',
      password: 'SECRET-lp-1',
      totp: 'JBSWY3DPEHPK3PXP',
      folder: 'Personal/Email',
      favorite: true,
    });
    expect(login.notes).toBe('Security questions:\r\npet = rex');
    expect(result.folders).toEqual(['Personal/Email', 'Finance', 'Work/Infra']);
  });

  it('turns a Credit Card note into a card, with the expiry read and the start date kept', () => {
    const card = byName(result, 'My Visa', 'card');
    expect(card).toMatchObject({
      cardholder: 'Zoë Example',
      brand: 'Visa',
      number: 'SECRET-4111111111111111',
      securityCode: 'SECRET-999',
      expMonth: 6,
      expYear: 2029,
    });
    expect(card.notes).toBe('Card notes\nover two lines\n\nLanguage: en-US\nStart Date: January,2021');
  });

  it('turns an Address note into an identity, phones read from their JSON', () => {
    const me = byName(result, 'Home address', 'identity');
    expect(me).toMatchObject({
      title: 'dr',
      firstName: 'Zoë',
      lastName: 'Example',
      addressLines: ['1 Main St', 'Floor 3'],
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      phone: '5550100',
      birthDate: '1990-06-01',
      folder: null,
    });
    expect(me.notes).toContain('Mobile Phone: 5550111 ext. 7');
    expect(me.notes).toContain('Gender: f');
  });

  it('keeps other templates as notes with every template field, and plain notes as they are', () => {
    const server = byName(result, 'DB server', 'note');
    expect(server.text).toBe(
      'rotate quarterly\n\nLastPass note type: Server\nLanguage: en-US\nHostname: db.example.internal\nUsername: root\nPassword: SECRET-server-pw',
    );
    expect(byName(result, 'Plain note', 'note').text).toBe('Just a plain secure note with SECRET-plain');
  });

  it('reports unmapped template fields by line', () => {
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'kept-unmapped', at: { line: 4 }, keptIn: 'notes' }));
  });
});

describe('1Password CSV', () => {
  const result = parseOnePasswordCsv(fixtureText('1password.csv'), { now: NOW });

  it('imports several URLs from one cell, TOTP, tags, favorites; archived items are tagged', () => {
    expectSoundResult(result);
    const github = byName(result, 'GitHub', 'login');
    expect(github.urls.map((u) => u.url)).toEqual(['https://github.com/login', 'https://gist.github.com']);
    expect(github).toMatchObject({ tags: ['work', 'dev'], favorite: true, notes: 'Notes, with comma' });
    expect(github.totp).toMatch(/^otpauth:/);
    expect(byName(result, 'Old bank', 'login').tags).toEqual(['archived']);
    expect(byName(result, 'Server password', 'login').urls).toEqual([]);
  });
});

describe('KeePassXC CSV', () => {
  const result = parseKeePassXcCsv(fixtureText('keepassxc.csv'), { now: NOW });

  it('maps groups below the root to folders, the Recycle Bin to trash, and keeps times and TOTP', () => {
    expectSoundResult(result);
    expect(byName(result, 'Top level', 'login')).toMatchObject({
      folder: null,
      createdAt: Date.parse('2023-01-02T03:04:05Z'),
      updatedAt: Date.parse('2024-03-04T05:06:07Z'),
    });
    const mail = byName(result, 'Mail', 'login');
    expect(mail).toMatchObject({ folder: 'Internet/Mail', notes: 'line 1\nline 2' });
    expect(mail.totp).toMatch(/^otpauth:/);
    expect(byName(result, 'Deleted thing', 'login').trashedAt).toBe(Date.parse('2024-05-05T00:00:00Z'));
    expect(fieldsOf(mail)).toEqual({});
  });
});
