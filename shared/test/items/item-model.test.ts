import { describe, expect, it } from 'vitest';
import { ITEM_TYPES, isOpaque } from '../../src/items/item';
import { encodeItemPart } from '../../src/items/encode-part';
import { newItem } from '../../src/items/new-item';
import { SCHEMA_VERSION } from '../../src/items/schema-common';
import { splitItem } from '../../src/items/split-item';
import { InvalidItemError } from '../../src/items/validate-item';
import { sample, storeAndLoad, T0 } from './fixtures';

describe('item model', () => {
  it.each(ITEM_TYPES)('a %s item survives split, encode, decode, parse and join unchanged', (type) => {
    const item = sample(type);
    const loaded = storeAndLoad(item);
    expect(loaded).toEqual(item);
    expect(isOpaque(loaded)).toBe(false);
  });

  it.each(ITEM_TYPES)('the %s overview carries none of the secrets', (type) => {
    const { overview, details } = splitItem(sample(type));
    const overviewText = new TextDecoder().decode(encodeItemPart(overview, { kind: 'overview' }));
    const detailsText = new TextDecoder().decode(encodeItemPart(details, { kind: 'details' }));
    expect(overviewText).not.toContain('SECRET');
    expect(detailsText).toContain('SECRET');
  });

  it('both parts carry id, type and schema version', () => {
    const item = sample('login');
    const { overview, details } = splitItem(item);
    for (const part of [overview, details]) {
      expect(part).toMatchObject({ id: item.id, type: 'login', schemaVersion: SCHEMA_VERSION });
    }
  });

  it('the login overview has what lists and autofill suggestions need, and the details the rest', () => {
    const { overview, details } = splitItem(sample('login'));
    expect(Object.keys(overview).sort()).toEqual(
      [
        'createdAt',
        'favorite',
        'folder',
        'hasTotp',
        'id',
        'name',
        'schemaVersion',
        'tags',
        'trashedAt',
        'type',
        'updatedAt',
        'urls',
        'username',
      ].sort(),
    );
    expect(overview).toMatchObject({ username: 'alice@example.com', hasTotp: true, tags: ['mail', 'personal'] });
    expect(details).toMatchObject({ password: 'SECRET-pw-correct-horse', extraUsernames: ['alice'] });
  });

  it('derives hasTotp, the last four card digits and the full name instead of storing them', () => {
    expect(splitItem(newItem('login', { totp: '' }, T0)).overview).toMatchObject({ hasTotp: false });
    expect(splitItem(newItem('login', { totp: '  ' }, T0)).overview).toMatchObject({ hasTotp: false });
    expect(splitItem(sample('card')).overview).toMatchObject({ brand: 'Visa', last4: '1111' });
    expect(splitItem(newItem('card', { number: '12' }, T0)).overview).toMatchObject({ last4: '' });
    expect(splitItem(sample('identity')).overview).toMatchObject({ fullName: 'Dr Alice Example', email: 'alice@example.com' });
    expect(splitItem(sample('api-key')).overview).toMatchObject({ serviceUrl: 'https://api.cloud.example.net/v1' });
    expect(sample('login')).not.toHaveProperty('hasTotp');
  });

  it('newItem fills every member with defaults and a fresh uuid', () => {
    const a = newItem('note', {}, T0);
    const b = newItem('note', {}, T0);
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({
      type: 'note',
      text: '',
      name: '',
      tags: [],
      folder: null,
      favorite: false,
      trashedAt: null,
      history: [],
      createdAt: T0,
      updatedAt: T0,
    });
  });

  it('newItem refuses fields the schema does not allow', () => {
    expect(() => newItem('card', { expMonth: 13 }, T0)).toThrow(InvalidItemError);
    expect(() => newItem('login', { urls: [{ url: 'https://a.example', match: 'fuzzy' as 'host' }] }, T0)).toThrow(/urls/);
    expect(() => newItem('identity', { birthDate: '1990-02-30' }, T0)).toThrow(InvalidItemError);
    expect(() => newItem('note', { id: 'not-a-uuid' }, T0)).toThrow(/id/);
  });
});
