import { describe, expect, it } from 'vitest';
import { boundedDistance, createSearchIndex, search, type SearchFields } from '../../src/vault/search';

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
