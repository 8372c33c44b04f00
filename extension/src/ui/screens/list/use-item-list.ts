// The list's data: a filter and a query, the matching rows fetched in pages as they scroll into
// view, and search on every keystroke with stale replies dropped. The first page can come from the
// popup.open reply, so the first paint needs no request of its own.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { ListFilter, ListPage } from '../../../vault/overview-index';
import type { ListRow } from '../../../vault/list-row';
import { createRowCache, type RowCache } from '../../lib/row-cache';
import { createLatestOnly } from '../../lib/latest-only';

export const PAGE_SIZE = 100;

export type ItemList = {
  filter: ListFilter;
  /** The query whose results are shown. */
  query: string;
  /** Null until the first page of the current result set arrived. */
  cache: RowCache | null;
  /** Sequence number of the query whose results are shown (data-search-seq). */
  paintedSeq: number;
  setFilter(filter: ListFilter): void;
  setQuery(query: string): void;
  /** Asks for the pages covering rows [start, end) that are not loaded yet. */
  ensureRows(start: number, end: number): void;
  /** Ids of rows [from, to] inclusive, loading missing pages first (range selection). */
  idsBetween(from: number, to: number): Promise<string[]>;
  row(index: number): ListRow | undefined;
};

export function useItemList(options: { initialPage: ListPage | null; dataVersion: number; onError: (error: unknown) => void }): ItemList {
  const [filter, setFilterState] = useState<ListFilter>({ kind: 'all' });
  const [query, setQueryState] = useState('');
  const [cache, setCache] = useState<RowCache | null>(() => {
    if (!options.initialPage) return null;
    const seeded = createRowCache({ total: options.initialPage.total, pageSize: PAGE_SIZE });
    seeded.put(options.initialPage.offset, options.initialPage.rows);
    return seeded;
  });
  const [paintedSeq, setPaintedSeq] = useState(0);
  const [, setTick] = useState(0);
  const latest = useRef(createLatestOnly()).current;
  /** The filter and query each result set was fetched for: its later pages must ask the same. */
  const askedFor = useRef(new WeakMap<RowCache, { filter: ListFilter; query: string }>()).current;
  const cacheRef = useRef(cache);
  cacheRef.current = cache;
  const onError = useRef(options.onError);
  onError.current = options.onError;
  const firstVersion = useRef(options.dataVersion);
  /** The latest asked-for query and filter (ahead of the state until their results arrive). */
  const pendingQuery = useRef('');
  const pendingFilter = useRef<ListFilter>(filter);

  const fetchFirst = useCallback(
    (nextFilter: ListFilter, nextQuery: string) => {
      const seq = latest.next();
      send('items.list', { filter: nextFilter, query: nextQuery, offset: 0, limit: PAGE_SIZE }).then(
        (page) => {
          if (!latest.isCurrent(seq)) return;
          const fresh = createRowCache({ total: page.total, pageSize: PAGE_SIZE });
          fresh.put(0, page.rows);
          askedFor.set(fresh, { filter: nextFilter, query: nextQuery });
          // One render per reply: the results, their query and their sequence number together.
          setCache(fresh);
          setPaintedSeq(seq);
          setQueryState(nextQuery);
        },
        (error: unknown) => latest.isCurrent(seq) && onError.current(error),
      );
    },
    [latest, askedFor],
  );

  // No seeded first page (or a write happened): fetch the current view.
  useEffect(() => {
    if (cacheRef.current && options.dataVersion === firstVersion.current) return;
    fetchFirst(pendingFilter.current, pendingQuery.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch on writes only; filter/query changes fetch themselves
  }, [options.dataVersion]);

  const loadPage = useCallback(
    (target: RowCache, page: number): Promise<void> => {
      const asked = askedFor.get(target) ?? { filter: { kind: 'all' } as ListFilter, query: '' };
      target.markLoading(page);
      return send('items.list', { filter: asked.filter, query: asked.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (reply) => {
          target.put(reply.offset, reply.rows);
          if (cacheRef.current === target) setTick((t) => t + 1);
        },
        (error: unknown) => {
          target.unmarkLoading(page);
          if (cacheRef.current === target) onError.current(error);
        },
      );
    },
    [askedFor],
  );

  // Stable, so the virtual list's range effect runs when the range changes, not on every render.
  const ensureRows = useCallback(
    (start: number, end: number) => {
      const target = cacheRef.current;
      if (!target) return;
      for (const page of target.missingPages(start, end)) void loadPage(target, page);
    },
    [loadPage],
  );

  return {
    filter,
    query,
    cache,
    paintedSeq,
    setFilter(next) {
      pendingFilter.current = next;
      setFilterState(next);
      fetchFirst(next, pendingQuery.current);
    },
    setQuery(next) {
      // The field is uncontrolled and shows what is typed at once; `query` follows with the results.
      pendingQuery.current = next;
      fetchFirst(pendingFilter.current, next);
    },
    ensureRows,
    async idsBetween(from, to) {
      const target = cacheRef.current;
      if (!target) return [];
      await Promise.all(target.missingPages(from, to + 1).map((page) => loadPage(target, page)));
      const ids: string[] = [];
      for (let i = from; i <= to; i++) {
        const row = target.row(i);
        if (row) ids.push(row.id);
      }
      return ids;
    },
    row: (index) => cacheRef.current?.row(index),
  };
}
