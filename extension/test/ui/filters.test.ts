import { describe, expect, it } from 'vitest';
import { decodeFilter, emptyText, encodeFilter, filterGroups, filterLabel } from '../../src/ui/lib/filters';
import type { ListFilter } from '../../src/vault/overview-index';

describe('filters', () => {
  it('round-trips every filter through the select value, including names with colons', () => {
    const filters: ListFilter[] = [
      { kind: 'all' },
      { kind: 'favorites' },
      { kind: 'trash' },
      { kind: 'type', type: 'api-key' },
      { kind: 'tag', tag: 'a:b' },
      { kind: 'folder', folder: 'Work: clients' },
    ];
    for (const f of filters) expect(decodeFilter(encodeFilter(f))).toEqual(f);
    expect(decodeFilter('garbage')).toEqual({ kind: 'all' });
  });

  it('offers folders and tags only when there are some, and the trash last', () => {
    const none = filterGroups({ tags: [], folders: [] });
    expect(none.map((g) => g.label)).toEqual([null, 'Types', null]);
    const some = filterGroups({ tags: ['2fa'], folders: ['Work'] });
    expect(some.map((g) => g.label)).toEqual([null, 'Types', 'Folders', 'Tags', null]);
    expect(some.at(-1)?.filters).toEqual([{ kind: 'trash' }]);
  });

  it('labels filters and their empty states', () => {
    expect(filterLabel({ kind: 'type', type: 'identity' })).toBe('Identities');
    expect(filterLabel({ kind: 'tag', tag: 'home' })).toBe('#home');
    expect(emptyText({ kind: 'all' }, '')).toBe('No items yet — add your first login.');
    expect(emptyText({ kind: 'all' }, ' zzz ')).toBe('No items match “zzz”.');
    expect(emptyText({ kind: 'trash' }, '')).toBe('The trash is empty.');
  });
});
