import { describe, expect, it } from 'vitest';
import { parseBitwardenJson } from '../../src/import/formats/bitwarden-json';
import { ImportError } from '../../src/import/import-error';
import { byName, expectSoundResult, fieldsOf, fixtureText, NOW } from './_helpers';

describe('Bitwarden JSON', () => {
  const result = parseBitwardenJson(fixtureText('bitwarden-personal.json'), { now: NOW });

  it('imports every item type, with folders including empty ones', () => {
    expectSoundResult(result);
    expect(result.items.map((i) => i.type)).toEqual(['login', 'login', 'note', 'card', 'identity', 'note']);
    expect(result.folders).toEqual(['Work', 'Work/Servers', 'Empty folder']);
  });

  it('maps a login: URLs with their match modes, TOTP, custom fields, history, times, favorite, folder', () => {
    const login = byName(result, "Mail — Zoë's account", 'login');
    expect(login.username).toBe('zoe@example.com');
    expect(login.password).toBe('SECRET-current-pw');
    expect(login.urls).toEqual([
      { url: 'https://mail.example.com/login', match: 'default' },
      { url: 'https://webmail.example.org', match: 'host' },
      { url: '^https://sso\\.example\\.com/', match: 'regex' },
    ]);
    expect(login.totp).toContain('otpauth://totp/');
    expect(login.notes).toBe('Recovery: ask IT\nSecond line');
    expect(login.folder).toBe('Work');
    expect(login.favorite).toBe(true);
    expect(login.createdAt).toBe(Date.parse('2023-01-15T12:00:00.000Z'));
    expect(login.updatedAt).toBe(Date.parse('2024-07-02T08:30:00.000Z'));
    expect(login.customFields.map((f) => [f.name, f.kind])).toEqual([
      ['PIN', 'hidden'],
      ['Department', 'text'],
      ['Shared', 'boolean'],
      ['Login alias', 'text'],
    ]);
    expect(fieldsOf(login)['Login alias']).toBe('(linked to Username)');
    expect(login.history.map((h) => h.value)).toEqual(['SECRET-old-pw-2', 'SECRET-old-pw-1']);
  });

  it('keeps trash state, reports a passkey, keeps an unusable TOTP as a hidden field', () => {
    const forum = byName(result, 'Old forum', 'login');
    expect(forum.trashedAt).toBe(Date.parse('2024-08-01T00:00:00.000Z'));
    expect(forum.totp).toBe('');
    expect(forum.customFields).toContainEqual(expect.objectContaining({ name: 'TOTP', value: 'not a real secret!', kind: 'hidden' }));
    expect(result.problems).toContainEqual({ kind: 'passkey-not-imported', at: { item: 2 }, count: 1 });
    expect(result.problems).toContainEqual({ kind: 'invalid-totp', at: { item: 2 }, keptIn: 'custom-fields' });
    expect(result.problems).toContainEqual({
      kind: 'kept-unmapped',
      at: { item: 2 },
      fields: ['Bitwarden master password re-prompt'],
      keptIn: 'custom-fields',
    });
  });

  it('maps notes, cards and identities; unmapped identity fields go to the notes', () => {
    expect(byName(result, 'Wi-Fi', 'note').text).toBe('SECRET-note guest network: hunter2');
    const card = byName(result, 'Visa', 'card');
    expect(card).toMatchObject({
      brand: 'Visa',
      cardholder: 'Zoë Example',
      number: '4111111111111111',
      expMonth: 7,
      expYear: 2029,
      securityCode: 'SECRET-cvv-123',
    });
    const me = byName(result, 'Me', 'identity');
    expect(me).toMatchObject({
      title: 'Ms',
      firstName: 'Zoë',
      lastName: 'Example',
      addressLines: ['1 Main St', 'Apt 2'],
      region: 'IL',
      folder: 'Work/Servers',
    });
    expect(me.notes).toBe('Identity notes\n\nUsername: zoe\nSocial security number: SECRET-ssn-078-05-1120\nLicense number: D123');
    expect(result.problems).toContainEqual({
      kind: 'kept-unmapped',
      at: { item: 5 },
      fields: ['Username', 'Social security number', 'License number'],
      keptIn: 'notes',
    });
  });

  it('keeps an SSH key as a note with its parts', () => {
    const key = byName(result, 'Deploy key', 'note');
    expect(key.text).toContain('Private key: -----BEGIN OPENSSH PRIVATE KEY-----');
    expect(key.text).toContain('Fingerprint: SHA256:abc123');
  });

  it('turns organization collections into tags', () => {
    const org = parseBitwardenJson(fixtureText('bitwarden-org.json'), { now: NOW });
    expect(org.items[0]?.tags).toEqual(['Marketing', 'Social']);
  });

  it('asks for the password of a password-protected export and refuses the account-restricted one, with distinct reasons', () => {
    expect(() => parseBitwardenJson(fixtureText('bitwarden-password-protected.json'))).toThrow(
      expect.objectContaining({ detail: { code: 'password-required', vendor: 'Bitwarden', keyFile: false } }),
    );
    expect(() => parseBitwardenJson(fixtureText('bitwarden-account-restricted.json'))).toThrow(
      expect.objectContaining({ detail: { code: 'account-restricted-export' } }),
    );
    try {
      parseBitwardenJson(fixtureText('bitwarden-account-restricted.json'));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toMatch(/Password protected/);
    }
  });

  it('refuses JSON that is not a Bitwarden export, naming the missing member', () => {
    expect(() => parseBitwardenJson('{"vaults": {}}')).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ code: 'wrong-shape', path: 'items' }) }),
    );
    expect(() => parseBitwardenJson('[1, 2]')).toThrow(expect.objectContaining({ detail: expect.objectContaining({ code: 'wrong-shape' }) }));
  });

  it('skips entries that are not items and unknown types, reporting their numbers', () => {
    const odd = parseBitwardenJson(JSON.stringify({ encrypted: false, items: [42, { type: 99, name: 'x' }, { type: 2, name: 'ok', notes: 'n' }] }), {
      now: NOW,
    });
    expect(odd.items.map((i) => i.name)).toEqual(['ok']);
    expect(odd.problems).toEqual([
      { kind: 'skipped', at: { item: 1 }, reason: 'not-an-item' },
      { kind: 'skipped', at: { item: 2 }, reason: 'not-an-item' },
    ]);
  });
});
