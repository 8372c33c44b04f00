import { describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import type { Item } from '@keyhold/shared/items/item';
import { dueState, primarySecretOf, primaryUsernameOf, safeHref, viewFieldsOf } from '../../src/ui/lib/view-fields';

const NOW = Date.UTC(2025, 0, 1);

describe('item view fields', () => {
  it('masks a login password and hidden custom fields, and leaves empty fields out', () => {
    const login = newItem(
      'login',
      {
        name: 'GitHub',
        username: 'octo',
        password: 'hunter2',
        urls: [{ url: 'https://github.com', match: 'default' }],
        customFields: [
          { id: 'f1', name: 'PIN', value: '1234', kind: 'hidden' },
          { id: 'f2', name: 'Region', value: 'EU', kind: 'text' },
        ],
      },
      NOW,
    );
    const fields = viewFieldsOf(login);
    expect(fields.map((f) => [f.label, f.kind, f.sensitive])).toEqual([
      ['Username', 'text', false],
      ['Password', 'secret', true],
      ['Website', 'url', false],
      ['PIN', 'secret', true],
      ['Region', 'text', false],
    ]);
  });

  it('masks a card number, security code and PIN but not the cardholder', () => {
    const card = newItem(
      'card',
      { name: 'Visa', cardholder: 'Ada', number: '4111 1111 1111 1111', securityCode: '123', pin: '0000', expMonth: 3, expYear: 2030 },
      NOW,
    );
    const byLabel = Object.fromEntries(viewFieldsOf(card).map((f) => [f.label, f]));
    expect(byLabel['Card number']?.kind).toBe('secret');
    expect(byLabel['Security code']?.kind).toBe('secret');
    expect(byLabel['PIN']?.kind).toBe('secret');
    expect(byLabel['Cardholder']?.kind).toBe('text');
    expect(byLabel['Expires']?.value).toBe('03 / 2030');
  });

  it('masks an API key and secret, and shows a one-time code field for a login with TOTP', () => {
    const key = newItem('api-key', { name: 'Stripe', key: 'pk_1', secret: 'sk_1', serviceUrl: 'https://api.stripe.com' }, NOW);
    expect(
      viewFieldsOf(key)
        .filter((f) => f.kind === 'secret')
        .map((f) => f.label),
    ).toEqual(['Key', 'Secret']);
    const withTotp = newItem('login', { name: 'x', totp: 'JBSWY3DPEHPK3PXP' }, NOW);
    expect(viewFieldsOf(withTotp).find((f) => f.kind === 'totp')?.sensitive).toBe(true);
  });

  it('shows an identity address as lines and nothing for an opaque item', () => {
    const id = newItem(
      'identity',
      { name: 'Me', firstName: 'Ada', lastName: 'Lovelace', addressLines: ['1 Main St'], city: 'London', postalCode: 'N1' },
      NOW,
    );
    const fields = viewFieldsOf(id);
    expect(fields.find((f) => f.label === 'Name')?.value).toBe('Ada Lovelace');
    expect(fields.find((f) => f.label === 'Address')?.value).toBe('1 Main St\nN1 London');
    const opaque = { opaque: true, id: 'x', type: 'future', schemaVersion: 9 } as unknown as Item;
    expect(viewFieldsOf(opaque)).toEqual([]);
  });

  it('picks what the list copies for each type', () => {
    const login = newItem('login', { name: 'a', username: 'me', password: 'pw' }, NOW);
    expect(primarySecretOf(login)).toEqual({ value: 'pw', what: 'Password' });
    expect(primaryUsernameOf(login)).toEqual({ value: 'me', what: 'Username' });
    expect(primarySecretOf(newItem('note', { name: 'n', text: 'secret' }, NOW))).toBeNull();
    expect(primarySecretOf(newItem('api-key', { name: 'k', key: 'K', secret: '' }, NOW))).toEqual({ value: 'K', what: 'Key' });
  });

  it('only links to http(s) URLs, so a stored javascript: URL is never followed', () => {
    expect(safeHref('example.com/login')).toBe('https://example.com/login');
    expect(safeHref('http://intranet.local')).toBe('http://intranet.local/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
  });

  it('flags API keys that expire or need rotation soon', () => {
    expect(dueState(null, '2025-01-01')).toBe('none');
    expect(dueState('2024-12-31', '2025-01-01')).toBe('overdue');
    expect(dueState('2025-01-10', '2025-01-01')).toBe('soon');
    expect(dueState('2025-03-01', '2025-01-01')).toBe('none');
  });
});
