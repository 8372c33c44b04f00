import { describe, expect, it } from 'vitest';
import { boundedDistance, createSearchIndex, narrows, search, type SearchFields } from '../../src/vault/search';

const items: SearchFields[] = [
  { id: 'gh', name: 'GitHub', username: 'octo@example.com', domains: ['github.com'], tags: ['work'] },
  { id: 'gl', name: 'GitLab', username: 'octo', domains: ['gitlab.com'], tags: [] },
  { id: 'bank', name: 'Crédit Mutuel', username: 'jean', domains: ['www.creditmutuel.fr'], tags: ['finance'] },
  { id: 'mail', name: 'Mail', username: 'github-bot@mail.test', domains: ['mail.test'], tags: [] },
  { id: 'shop', name: 'Shop', username: 'me', domains: ['shop.example'], tags: ['github'] },
];
const index = createSearchIndex(items);
const ids = (q: string) => search(index, q).map((h) => h.id);

describe('search', () => {
  it('ranks a name match above username, domain and tag matches', () => {
    expect(ids('github')).toEqual(['gh', 'mail', 'shop']);
  });

  it('tolerates a typo and a transposition', () => {
    expect(ids('gihtub')).toContain('gh');
    expect(ids('githbu')[0]).toBe('gh');
  });

  it('does not accept typos in very short tokens, which would match everything', () => {
    expect(ids('gx')).toEqual([]);
  });

  it('ignores accents and case, and the www. of domains', () => {
    expect(ids('CREDIT')).toEqual(['bank']);
    expect(ids('www')).toEqual([]);
  });

  it('meets spelling variants of compound words: "wifi", "wi-fi" and "wi fi" find each other', () => {
    const named = (id: string, name: string): SearchFields => ({ id, name, username: '', domains: [], tags: [] });
    const wifi = createSearchIndex([named('1', 'Home Wi-Fi'), named('2', 'Office WiFi'), named('3', 'Guest Wi Fi'), named('4', 'Wine list')]);
    const found = (query: string) =>
      search(wifi, query)
        .map((h) => h.id)
        .sort();
    expect(found('wifi')).toEqual(['1', '2', '3']);
    expect(found('wi-fi')).toEqual(['1', '2', '3']);
    expect(found('home wifi')).toEqual(['1']);
  });

  it('requires every token to match', () => {
    expect(ids('git octo')).toEqual(expect.arrayContaining(['gh', 'gl']));
    expect(ids('git finance')).toEqual([]);
  });

  it('computes the restricted Damerau-Levenshtein distance with a bound', () => {
    expect(boundedDistance('github', 'github', 1)).toBe(0);
    expect(boundedDistance('gihtub', 'github', 1)).toBe(1);
    expect(boundedDistance('gthub', 'github', 1)).toBe(1);
    expect(boundedDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('typos in partly typed words', () => {
  it('finds a word from a prefix with a missing, extra or swapped letter', () => {
    const idx = createSearchIndex([{ id: 'gh', name: 'GitHub Enterprise', username: '', domains: [], tags: [] }]);
    for (const q of ['gihub', 'githbu', 'gitthub', 'enterprsie', 'entreprise']) expect(search(idx, q).map((h) => h.id)).toEqual(['gh']);
    expect(search(idx, 'gxxhub')).toEqual([]);
  });
});

describe('narrowing by the previous query', () => {
  it('narrows only when no new match can appear', () => {
    expect(narrows('git', 'gith')).toBe(false); // crosses into typo tolerance at 4 characters
    expect(narrows('gith', 'githu')).toBe(true);
    expect(narrows('githu', 'github')).toBe(true);
    expect(narrows('githubx', 'githubxy')).toBe(false); // 8 characters allow two typos
    expect(narrows('mail', 'mail work')).toBe(true);
    expect(narrows('mail work', 'mail')).toBe(false);
    expect(narrows('mail', 'gmail')).toBe(false);
    expect(narrows('', 'a')).toBe(false);
  });

  it('gives the same hits scanning only the previous hits', () => {
    const words = ['github', 'gitlab', 'gist', 'google', 'gogs', 'bitbucket', 'gitea', 'githubenterprise'];
    const idx = createSearchIndex(words.map((w, i) => ({ id: String(i), name: w, username: `${w}-user`, domains: [`${w}.com`], tags: [] })));
    let previous = '';
    for (const q of ['gith', 'githu', 'github', 'githube']) {
      const full = search(idx, q).map((h) => h.id);
      if (narrows(previous, q)) {
        const within = new Set(search(idx, previous).map((h) => h.id));
        expect(search(idx, q, { within }).map((h) => h.id)).toEqual(full);
      }
      previous = q;
    }
  });
});
