// The list's rows, fetched from the background in pages as they scroll into view. One cache holds
// the rows of ONE result set (a filter + query); a new search starts a new cache, so rows of an
// older query never mix with the current ones.
import type { ListRow } from '../../vault/list-row';

export type RowCache = {
  readonly total: number;
  readonly pageSize: number;
  row(index: number): ListRow | undefined;
  /** Stores rows starting at `offset` (a reply to items.list). */
  put(offset: number, rows: readonly ListRow[]): void;
  /** Page numbers covering [start, end) that are neither loaded nor being loaded. */
  missingPages(start: number, end: number): number[];
  markLoading(page: number): void;
  /** Forgets that a page is being loaded (its request failed), so it can be asked for again. */
  unmarkLoading(page: number): void;
};

export function createRowCache(options: { total: number; pageSize: number }): RowCache {
  const { total, pageSize } = options;
  const rows = new Map<number, ListRow>();
  const loading = new Set<number>();
  const loaded = new Set<number>();

  return {
    total,
    pageSize,
    row: (index) => rows.get(index),
    put(offset, page) {
      page.forEach((row, i) => rows.set(offset + i, row));
      for (let p = Math.floor(offset / pageSize); p * pageSize < offset + page.length; p++) {
        const pageEnd = Math.min(total, (p + 1) * pageSize);
        if (offset <= p * pageSize && offset + page.length >= pageEnd) {
          loaded.add(p);
          loading.delete(p);
        }
      }
    },
    missingPages(start, end) {
      const out: number[] = [];
      const last = Math.min(end, total);
      for (let p = Math.floor(Math.max(0, start) / pageSize); p * pageSize < last; p++) {
        if (!loaded.has(p) && !loading.has(p)) out.push(p);
      }
      return out;
    },
    markLoading: (page) => void loading.add(page),
    unmarkLoading: (page) => void loading.delete(page),
  };
}
