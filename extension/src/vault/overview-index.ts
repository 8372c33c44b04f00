// The decrypted overview index held by the background while the vault is unlocked: every item's
// overview by id, kept sorted by name, with a search index built on first use. It is persisted as
// ONE envelope (purpose 'overview-index') so that unlocking decrypts one blob instead of 10,000
// items (issue 3's unlock budget); the per-item envelopes stay the source of truth and the index is
// rebuilt from them whenever it is missing or unreadable.
import type { Overview } from '@keyhold/shared/items/item';
import { createSearchIndex, search, type SearchIndex } from './search';
import { domainsOf, toListRow, unreadableRow, type ListRow } from './list-row';

export type ListFilter =
  | { kind: 'all' }
  | { kind: 'favorites' }
  | { kind: 'trash' }
  | { kind: 'type'; type: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'folder'; folder: string };

export type ListQuery = { filter: ListFilter; query: string; offset: number; limit: number };
export type ListPage = { total: number; offset: number; rows: ListRow[] };

type Entry = { id: string; overview: Overview | null; sortKey: string };

const SERIAL_VERSION = 1;

export function createOverviewIndex(initial: Iterable<[string, Overview | null]> = []) {
  const byId = new Map<string, Entry>();
  let order: Entry[] = [];
  let searchIndex: SearchIndex | null = null;
  let lastQuery: { key: string; ids: string[] } | null = null;

  const sortKeyOf = (overview: Overview | null) => (overview && typeof overview.name === 'string' ? overview.name.toLowerCase() : '\uffff');
  const compare = (a: Entry, b: Entry) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1);

  for (const [id, overview] of initial) byId.set(id, { id, overview, sortKey: sortKeyOf(overview) });
  order = [...byId.values()];
  // The persisted index is stored sorted, so this is one linear pass in the common case.
  if (!order.every((e, i) => i === 0 || compare(order[i - 1]!, e) < 0)) order.sort(compare);

  function invalidate(): void {
    searchIndex = null;
    lastQuery = null;
  }

  function upsert(id: string, overview: Overview | null): void {
    const existing = byId.get(id);
    if (existing) order.splice(order.indexOf(existing), 1);
    const entry: Entry = { id, overview, sortKey: sortKeyOf(overview) };
    byId.set(id, entry);
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(order[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, entry);
    invalidate();
  }

  function remove(id: string): void {
    const existing = byId.get(id);
    if (!existing) return;
    byId.delete(id);
    order.splice(order.indexOf(existing), 1);
    invalidate();
  }

  function passes(entry: Entry, filter: ListFilter): boolean {
    const o = entry.overview;
    if (!o) return filter.kind === 'all';
    const trashed = typeof o.trashedAt === 'number';
    if (filter.kind === 'trash') return trashed;
    if (trashed) return false;
    switch (filter.kind) {
      case 'all':
        return true;
      case 'favorites':
        return o.favorite === true;
      case 'type':
        return o.type === filter.type;
      case 'tag':
        return Array.isArray(o.tags) && o.tags.includes(filter.tag);
      case 'folder':
        return o.folder === filter.folder;
    }
  }

  function ensureSearchIndex(): SearchIndex {
    searchIndex ??= createSearchIndex(
      order.flatMap((e) =>
        e.overview
          ? [{ id: e.id, name: String(e.overview.name ?? ''), username: e.overview.type === 'login' ? String(e.overview.username ?? '') : '', domains: domainsOf(e.overview), tags: Array.isArray(e.overview.tags) ? e.overview.tags : [] }]
          : [],
      ),
    );
    return searchIndex;
  }

  function matchingIds(filter: ListFilter, query: string): string[] {
    const key = JSON.stringify([filter, query]);
    if (lastQuery?.key === key) return lastQuery.ids;
    let ids: string[];
    if (query.trim()) {
      ids = search(ensureSearchIndex(), query)
        .map((hit) => byId.get(hit.id)!)
        .filter((e) => passes(e, filter))
        .map((e) => e.id);
    } else {
      ids = order.filter((e) => passes(e, filter)).map((e) => e.id);
    }
    lastQuery = { key, ids };
    return ids;
  }

  function rowOf(id: string): ListRow {
    const entry = byId.get(id);
    return entry?.overview ? toListRow(entry.overview) : unreadableRow(id);
  }

  return {
    get size() {
      return byId.size;
    },
    has: (id: string) => byId.has(id),
    overview: (id: string): Overview | null | undefined => byId.get(id)?.overview,
    upsert,
    remove,
    rowOf,
    list(q: ListQuery): ListPage {
      const ids = matchingIds(q.filter, q.query);
      return { total: ids.length, offset: q.offset, rows: ids.slice(q.offset, q.offset + q.limit).map(rowOf) };
    },
    /** Readable overviews, for autofill matching and tag/folder lists. */
    *overviews(): Generator<Overview> {
      for (const e of order) if (e.overview) yield e.overview;
    },
    tagsAndFolders(): { tags: string[]; folders: string[] } {
      const tags = new Set<string>();
      const folders = new Set<string>();
      for (const e of order) {
        if (!e.overview || typeof e.overview.trashedAt === 'number') continue;
        if (Array.isArray(e.overview.tags)) for (const t of e.overview.tags) tags.add(String(t));
        if (typeof e.overview.folder === 'string' && e.overview.folder) folders.add(e.overview.folder);
      }
      return { tags: [...tags].sort(), folders: [...folders].sort() };
    },
    serialize(): string {
      return JSON.stringify({ v: SERIAL_VERSION, entries: order.map((e) => [e.id, e.overview]) });
    },
    /** Warms the search index (call when idle after unlock, not on the unlock path). */
    prepareSearch(): void {
      ensureSearchIndex();
    },
  };
}

export type OverviewIndex = ReturnType<typeof createOverviewIndex>;

export function parseSerializedIndex(text: string): [string, Overview | null][] {
  const parsed = JSON.parse(text) as { v?: unknown; entries?: unknown };
  if (parsed.v !== SERIAL_VERSION || !Array.isArray(parsed.entries)) throw new Error('Unsupported overview index');
  return parsed.entries as [string, Overview | null][];
}
