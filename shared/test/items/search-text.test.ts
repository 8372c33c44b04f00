import { describe, expect, it } from 'vitest';
import { normalizeSearchText, searchTextOf } from '../../src/items/search-text';
import { splitItem } from '../../src/items/split-item';
import { newItem } from '../../src/items/new-item';
import { sample, T0 } from './fixtures';

const overviewOf = (item: Parameters<typeof splitItem>[0]) => splitItem(item).overview;

describe('searchTextOf', () => {
  it('indexes name, username, hosts, registrable domains and tags of a login', () => {
    const text = searchTextOf(overviewOf(sample('login')));
    for (const term of ['example mail', 'alice@example.com', 'mail.example.com', 'example.com', 'personal']) {
      expect(text).toContain(term);
    }
  });

  it('never indexes secrets', () => {
    expect(searchTextOf(overviewOf(sample('login')))).not.toMatch(/secret/i);
  });

  it('does not read hosts out of regex patterns', () => {
    const item = newItem('login', { urls: [{ url: 'https://ssoregex.example.com/(login|signin)', match: 'regex' }] }, T0);
    expect(searchTextOf(overviewOf(item))).not.toContain('ssoregex');
  });

  it('matches regardless of case and accents', () => {
    const item = newItem('note', { name: 'Café Crème', tags: ['Écoles'] }, T0);
    const text = searchTextOf(overviewOf(item));
    expect(text).toContain(normalizeSearchText('CAFE creme'));
    expect(text).toContain('ecoles');
  });

  it('covers the other types by what their overview shows', () => {
    expect(searchTextOf(overviewOf(sample('identity')))).toContain('dr alice example');
    expect(searchTextOf(overviewOf(sample('api-key')))).toContain('cloud.example.net');
    expect(searchTextOf(overviewOf(sample('card')))).toContain('visa');
    expect(searchTextOf(overviewOf(sample('card')))).not.toContain('1111 1111');
  });
});
