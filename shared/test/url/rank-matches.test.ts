// The order of suggestions in the fill menu.
import { describe, expect, it } from 'vitest';
import { rankMatches } from '../../src/url/rank-matches';
import type { MatchableItem } from '../../src/url/rank-matches';

const login = (id: string, name: string, ...urls: MatchableItem['urls']): MatchableItem => ({ id, name, urls });

describe('rankMatches', () => {
  const items = [
    login('domain', 'Victim (any subdomain)', { url: 'https://www.victim.com', match: 'default' }),
    login('host', 'Victim login host', { url: 'https://login.victim.com', match: 'host' }),
    login('prefix', 'Victim app', { url: 'https://login.victim.com/app', match: 'starts-with' }),
    login('exact', 'Victim exact', { url: 'https://login.victim.com/app/signin', match: 'exact' }),
    login('regex', 'Victim regex', { url: 'https://login\\.victim\\.com/app/.*', match: 'regex' }),
    login('other', 'Elsewhere', { url: 'https://elsewhere.test', match: 'default' }),
    login('never', 'Never here', { url: 'https://login.victim.com', match: 'never' }),
    login('phish', 'Look-alike', { url: 'https://login.victim.com.evil.test', match: 'default' }),
  ];

  it('keeps only matching items, most specific match first', () => {
    const ranked = rankMatches(items, 'https://login.victim.com/app/signin');
    expect(ranked.map((match) => match.item.id)).toEqual(['exact', 'prefix', 'regex', 'host', 'domain']);
  });

  it('ranks an item by its best URL', () => {
    const multi = login(
      'multi',
      'Multi',
      { url: 'https://victim.com', match: 'base-domain' },
      { url: 'https://login.victim.com/app/signin', match: 'exact' },
    );
    expect(rankMatches([items[0] as MatchableItem, multi], 'https://login.victim.com/app/signin')[0]?.item.id).toBe('multi');
  });

  it('breaks ties by most recent use, then by name', () => {
    const same = [
      login('c', 'charlie', { url: 'https://victim.com', match: 'default' }),
      login('a', 'Alpha', { url: 'https://victim.com', match: 'default' }),
      login('b', 'bravo', { url: 'https://victim.com', match: 'default' }),
      login('d', 'delta', { url: 'https://victim.com', match: 'default' }),
    ];
    const recentUse = new Map([
      ['d', 1_000],
      ['b', 2_000],
    ]);
    expect(rankMatches(same, 'https://victim.com/', { recentUse }).map((match) => match.item.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('uses the configured default mode for "default" URLs', () => {
    const ranked = rankMatches(items, 'https://mail.victim.com/', { defaultMode: 'host' });
    expect(ranked).toEqual([]);
  });

  it('offers nothing on pages that are never filled', () => {
    expect(rankMatches(items, 'http://login.victim.com/app/signin')).toEqual([]);
    expect(rankMatches(items, 'data:text/html,<input type=password>')).toEqual([]);
  });
});
