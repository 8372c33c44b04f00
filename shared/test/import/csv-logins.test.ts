import { describe, expect, it } from 'vitest';
import { parseBitwardenCsv } from '../../src/import/formats/bitwarden-csv';
import { parseChromiumCsv } from '../../src/import/formats/chromium-csv';
import { parseFirefoxCsv } from '../../src/import/formats/firefox-csv';
import { parseSafariCsv } from '../../src/import/formats/safari-csv';
import { byName, expectSoundResult, fieldsOf, fixtureText, NOW } from './_helpers';

describe('Bitwarden CSV', () => {
  const result = parseBitwardenCsv(fixtureText('bitwarden.csv'), { now: NOW });

  it('reads a BOM, CRLF, quoted commas and quotes, embedded newlines and several URLs', () => {
    expectSoundResult(result);
    const mail = byName(result, 'Mail, "primary"', 'login');
    expect(mail).toMatchObject({
      username: 'zoë@example.com',
      password: 'SECRET-pw-mail',
      folder: 'Work',
      favorite: true,
      notes: 'Line one\r\nLine two',
    });
    expect(mail.urls.map((u) => u.url)).toEqual(['https://mail.example.com', 'https://webmail.example.org']);
    expect(mail.totp).toBe('JBSWY3DPEHPK3PXP');
    expect(fieldsOf(mail)).toEqual({ PIN: 'SECRET-pin-1', Department: 'Finance' });
  });

  it('maps notes, nested folders, re-prompt, and rows with missing trailing columns', () => {
    expect(byName(result, 'Wi-Fi', 'note').text).toBe('SECRET-note-wifi');
    expect(byName(result, 'Router', 'login').folder).toBe('Work/Servers');
    expect(result.problems).toContainEqual({
      kind: 'kept-unmapped',
      at: { line: 6 },
      fields: ['Bitwarden master password re-prompt'],
      keptIn: 'custom-fields',
    });
    expect(byName(result, 'Short row', 'login')).toMatchObject({
      username: '',
      password: '',
      urls: [{ url: 'https://short.example.com', match: 'default' }],
    });
    expect(result.folders).toEqual(['Work', 'Work/Servers']);
  });

  it('turns the collections of an organization export into tags', () => {
    const org = parseBitwardenCsv(fixtureText('bitwarden-org.csv'), { now: NOW });
    expect(org.items[0]?.tags).toEqual(['Marketing', 'Social']);
  });
});

describe('Chrome, Edge, Brave, Opera CSV', () => {
  const result = parseChromiumCsv(fixtureText('chrome.csv'), { now: NOW });

  it('imports logins with notes, Unicode, Android app URLs, and names rows without one by host', () => {
    expectSoundResult(result);
    expect(result.items).toHaveLength(4);
    expect(byName(result, 'accounts.example.com', 'login').notes).toBe('Multi-line\r\nnote with "quotes", commas');
    expect(byName(result, 'nameless.example.org', 'login').username).toBe('bob');
    expect(byName(result, 'app.example', 'login').urls[0]?.url).toBe('android://AbCdEf0123456789==@com.example.app/');
    expect(byName(result, '日本.example', 'login').username).toBe('ユーザー');
  });

  it('reads the older export without a note column', () => {
    expect(parseChromiumCsv(fixtureText('chrome-old.csv'), { now: NOW }).items).toHaveLength(1);
  });
});

describe('Firefox CSV', () => {
  const result = parseFirefoxCsv(fixtureText('firefox.csv'), { now: NOW });

  it('keeps times, the form action origin as a second URL and the HTTP realm as a field', () => {
    expectSoundResult(result);
    const first = byName(result, 'accounts.example.com', 'login');
    expect(first).toMatchObject({ createdAt: 1700000000000, updatedAt: 1705000000000, password: 'SECRET-ff-1' });
    expect(first.urls.map((u) => u.url)).toEqual(['https://accounts.example.com']);
    expect(fieldsOf(byName(result, 'intranet.example.org', 'login'))).toEqual({ 'HTTP realm': 'Staff only' });
  });
});

describe('Safari CSV', () => {
  const result = parseSafariCsv(fixtureText('safari.csv'), { now: NOW });

  it('imports the OTPAuth column as the TOTP', () => {
    expectSoundResult(result);
    const login = byName(result, 'example.com (zoe@example.com)', 'login');
    expect(login.totp).toMatch(/^otpauth:\/\/totp\//);
    expect(login.notes).toBe('Note with\ntwo lines');
    expect(byName(result, 'bank.example', 'login').totp).toBe('');
  });
});
