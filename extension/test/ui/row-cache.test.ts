import { describe, expect, it } from 'vitest';
import { createRowCache } from '../../src/ui/lib/row-cache';
import type { ListRow } from '../../src/vault/list-row';

const row = (n: number): ListRow => ({
  id: `id-${n}`,
  type: 'login',
  name: `Item ${n}`,
  subtitle: '',
  domain: '',
  favorite: false,
  tags: [],
  folder: null,
  trashed: false,
  hasTotp: false,
  updatedAt: 0,
  unreadable: false,
});
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

describe('row cache', () => {
  it('asks only for the pages of the visible range that are not loaded or loading', () => {
    const cache = createRowCache({ total: 1000, pageSize: 100 });
    cache.put(0, rows(0, 100));
    expect(cache.missingPages(80, 130)).toEqual([1]);
    cache.markLoading(1);
    expect(cache.missingPages(80, 230)).toEqual([2]);
    cache.put(100, rows(100, 100));
    expect(cache.row(150)?.id).toBe('id-150');
    expect(cache.missingPages(0, 200)).toEqual([]);
  });

  it('lets a failed page be asked for again', () => {
    const cache = createRowCache({ total: 300, pageSize: 100 });
    cache.markLoading(2);
    expect(cache.missingPages(250, 260)).toEqual([]);
    cache.unmarkLoading(2);
    expect(cache.missingPages(250, 260)).toEqual([2]);
  });

  it('treats a short last page as complete and never asks past the total', () => {
    const cache = createRowCache({ total: 150, pageSize: 100 });
    cache.put(100, rows(100, 50));
    expect(cache.missingPages(0, 10_000)).toEqual([0]);
  });
});
