// The decrypted overview index held by the background while the vault is unlocked: every item's
// overview by id, kept sorted by name, with a search index built on first use. It is persisted as
// ONE envelope (purpose 'overview-index') so that unlocking decrypts one blob instead of 10,000
// items (the unlock budget, docs/architecture.md "Performance budgets"); the per-item envelopes stay the source of truth and the index is
// rebuilt from them whenever it is missing or unreadable.
// An entry may be listed AHEAD of its row (a new device's first sync lists the account's index
// snapshot once the manifest tree vouches for it, before the pages that carry the rows: ADR 0027).
// Such an entry is listed, searched and suggested like any other, but never stored: the persisted
// index, its head and its site buckets name only items that have a row. The write that brings the
// row makes it an ordinary entry; one whose row never comes is dropped (dropAhead).
import type { Overview } from '@keyhold/shared/items/item';
import { isLoginUrl } from '@keyhold/shared/items/types/login';
import { parseSiteUrl } from '@keyhold/shared/url/parse-site-url';
import { indexEntry, narrows, search, type SearchFields, type SearchIndex } from './search';
import { domainsOf, subtitleOf, toListRow, unreadableRow, type ListRow } from './list-row';

export type ListFilter =
  | { kind: 'all' }
  | { kind: 'favorites' }
  | { kind: 'trash' }
  | { kind: 'type'; type: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'folder'; folder: string };

export type ListQuery = { filter: ListFilter; query: string; offset: number; limit: number };
export type ListPage = { total: number; offset: number; rows: ListRow[] };

/**
 * `sites`: the registrable domains (or hosts, for IPs and localhost) of a login's URLs, '*' for a
 * regular-expression URL. Computed when an item is written and stored with the index, so that
 * current-site suggestions look up a handful of candidates instead of parsing 10,000 URLs on
 * every popup open. The matcher still decides; this only narrows who it is asked about.
 */
type Entry = { id: string; overview: Overview | null; sortKey: string; sites: string[]; ahead?: true };

const SERIAL_VERSION = 3;
export const ANY_SITE = '*';

/**
 * Logins are also persisted in this many "site buckets" by a keyed hash of their site keys (see
 * index-store.ts): unlock opens the one or two buckets of the current page, not the whole index.
 */
export const SITE_BUCKETS = 64;

export function siteKeyOf(url: string): string | null {
  const parsed = parseSiteUrl(url, { schemeless: 'assume-https' });
  return parsed.ok ? (parsed.url.registrableDomain ?? parsed.url.host) : null;
}

function sitesOf(overview: Overview | null): string[] {
  if (!overview || overview.type !== 'login' || !Array.isArray(overview.urls)) return [];
  const sites = new Set<string>();
  for (const u of overview.urls as unknown[]) {
    if (!isLoginUrl(u) || u.match === 'never') continue;
    const key = u.match === 'regex' ? ANY_SITE : siteKeyOf(u.url);
    if (key) sites.add(key);
  }
  return [...sites];
}

export type IndexRecord = [id: string, overview: Overview | null, sites?: string[]];

export function createOverviewIndex(initial: Iterable<IndexRecord> = []) {
  const byId = new Map<string, Entry>();
  const bySite = new Map<string, Set<string>>();
  let order: Entry[] = [];
  let searchIndex: SearchIndex | null = null;
  // A search index being built in slices between messages (see prepareSearch).
  let building: { source: SearchFields[]; done: SearchIndex; generation: number } | null = null;
  let generation = 0;
  let lastQuery: { key: string; ids: string[] } | null = null;
  // The last search's hits, so the next keystroke that extends it scans only those.
  let lastSearch: { query: string; hits: Set<string> } | null = null;
  // Site keys whose logins changed since the site buckets were last persisted ('all' until the
  // first persist), and the write that last persisted each bucket ('' = unknown).
  let dirty: Set<string> | 'all' = 'all';
  const bucketGens: string[] = Array.from({ length: SITE_BUCKETS }, () => '');
  /** Entries listed ahead of their rows (see above). */
  let aheadCount = 0;
  /** Counts the changes to what a stored index would hold: upserts and removals (never a listing ahead). */
  let storedChanges = 0;

  const sortKeyOf = (overview: Overview | null) => (overview && typeof overview.name === 'string' ? overview.name.toLowerCase() : '\uffff');
  const compare = (a: Entry, b: Entry) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1);

  const link = (entry: Entry, on: boolean) => {
    for (const site of entry.sites) {
      if (dirty !== 'all') dirty.add(site);
      let ids = bySite.get(site);
      if (!ids) bySite.set(site, (ids = new Set()));
      if (on) ids.add(entry.id);
      else ids.delete(entry.id);
    }
  };

  for (const [id, overview, sites] of initial) {
    const entry = { id, overview, sortKey: sortKeyOf(overview), sites: sites ?? sitesOf(overview) };
    byId.set(id, entry);
    link(entry, true);
  }
  order = [...byId.values()];
  // The persisted index is stored sorted, so this is one linear pass in the common case.
  if (!order.every((e, i) => i === 0 || compare(order[i - 1]!, e) < 0)) order.sort(compare);

  function invalidate(): void {
    searchIndex = null;
    building = null;
    generation += 1;
    lastQuery = null;
    lastSearch = null;
  }

  function upsert(id: string, overview: Overview | null): void {
    storedChanges += 1;
    const existing = byId.get(id);
    if (existing?.ahead) {
      aheadCount -= 1;
      // The row of an entry listed ahead, with the very overview it was listed with: it stays where
      // it is, and only its sites change for the persisted buckets, which did not hold it.
      if (existing.overview === overview) {
        delete existing.ahead;
        if (dirty !== 'all') for (const site of existing.sites) dirty.add(site);
        return;
      }
    }
    if (existing) {
      order.splice(order.indexOf(existing), 1);
      link(existing, false);
    }
    const entry: Entry = { id, overview, sortKey: sortKeyOf(overview), sites: sitesOf(overview) };
    byId.set(id, entry);
    link(entry, true);
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
    storedChanges += 1;
    if (existing.ahead) aheadCount -= 1;
    byId.delete(id);
    order.splice(order.indexOf(existing), 1);
    link(existing, false);
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

  function searchSource(): SearchFields[] {
    return order.flatMap((e) =>
      e.overview
        ? [
            {
              id: e.id,
              name: typeof e.overview.name === 'string' ? e.overview.name : '',
              // What the list shows under the name: a login's username, a card's brand and last digits, an identity's name and email.
              username: subtitleOf(e.overview),
              domains: domainsOf(e.overview),
              tags: Array.isArray(e.overview.tags) ? e.overview.tags : [],
            },
          ]
        : [],
    );
  }

  /** Indexes up to `max` more entries of the build in progress; true when it is complete. */
  function buildSlice(max: number): boolean {
    building ??= { source: searchSource(), done: { entries: [] }, generation };
    const { source, done } = building;
    const end = Math.min(source.length, done.entries.length + max);
    for (let i = done.entries.length; i < end; i++) done.entries.push(indexEntry(source[i]!));
    if (done.entries.length < source.length) return false;
    searchIndex = done;
    building = null;
    return true;
  }

  function ensureSearchIndex(): SearchIndex {
    if (!searchIndex) buildSlice(Infinity);
    return searchIndex!;
  }

  function matchingIds(filter: ListFilter, query: string): string[] {
    const key = JSON.stringify([filter, query]);
    if (lastQuery?.key === key) return lastQuery.ids;
    let ids: string[];
    if (query.trim()) {
      const within = lastSearch && narrows(lastSearch.query, query) ? lastSearch.hits : undefined;
      const hits = search(ensureSearchIndex(), query, within ? { within } : {});
      lastSearch = { query, hits: new Set(hits.map((h) => h.id)) };
      ids = hits
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

  /**
   * Lists items ahead of their rows (see above); ids listed already are left as they are. `sites`, if
   * given, are the login's site keys as the index that wrote them computed them. Returns the ids listed.
   */
  function listAhead(records: Iterable<readonly [id: string, overview: Overview, sites?: readonly string[] | null]>): string[] {
    const added: string[] = [];
    for (const [id, overview, sites] of records) {
      if (byId.has(id)) continue;
      const entry: Entry = { id, overview, sortKey: sortKeyOf(overview), sites: sites ? [...sites] : sitesOf(overview), ahead: true };
      byId.set(id, entry);
      link(entry, true);
      order.push(entry);
      added.push(id);
    }
    if (added.length === 0) return added;
    aheadCount += added.length;
    order.sort(compare);
    invalidate();
    return added;
  }

  /** Drops every entry still listed ahead of its row; returns their ids. */
  function dropAhead(): string[] {
    if (aheadCount === 0) return [];
    const dropped = order.filter((e) => e.ahead);
    for (const entry of dropped) {
      byId.delete(entry.id);
      link(entry, false);
    }
    order = order.filter((e) => !e.ahead);
    aheadCount = 0;
    invalidate();
    return dropped.map((e) => e.id);
  }

  return {
    /** Every listed item, those listed ahead of their rows included. */
    get size() {
      return byId.size;
    },
    /** The items with a row: what a stored index holds. */
    get storedSize() {
      return byId.size - aheadCount;
    },
    /** Changes whenever what a stored index holds does: an index sealed before it changed is out of date. */
    get storedVersion() {
      return storedChanges;
    },
    has: (id: string) => byId.has(id),
    /** Whether the item is listed ahead of its row. */
    isAhead: (id: string) => byId.get(id)?.ahead === true,
    listAhead,
    dropAhead,
    overview: (id: string): Overview | null | undefined => byId.get(id)?.overview,
    /** The site keys a listed login is found under (see IndexRecord). */
    sites: (id: string): readonly string[] | undefined => byId.get(id)?.sites,
    upsert,
    remove,
    rowOf,
    list(q: ListQuery): ListPage {
      const ids = matchingIds(q.filter, q.query);
      return { total: ids.length, offset: q.offset, rows: ids.slice(q.offset, q.offset + q.limit).map(rowOf) };
    },
    /** Overviews that may match a page: same registrable domain (or host), or a regex URL. */
    candidatesFor(pageUrl: string): Overview[] {
      const key = siteKeyOf(pageUrl);
      const ids = [...(key ? (bySite.get(key) ?? []) : []), ...(bySite.get(ANY_SITE) ?? [])];
      return ids.flatMap((id) => {
        const overview = byId.get(id)?.overview;
        return overview ? [overview] : [];
      });
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
    /** `gen` names the write: every persisted part of one write carries it (index-store.ts). */
    serialize(gen: string): string {
      const stored = aheadCount ? order.filter((e) => !e.ahead) : order;
      return JSON.stringify({ v: SERIAL_VERSION, gen, entries: stored.map((e): IndexRecord => [e.id, e.overview, e.sites]) });
    },
    /** The first `limit` rows of the unfiltered list as a stored index holds it (the head's page). */
    storedPage(limit: number): ListPage {
      const ids = order.filter((e) => !e.ahead && passes(e, { kind: 'all' })).map((e) => e.id);
      return { total: ids.length, offset: 0, rows: ids.slice(0, limit).map(rowOf) };
    },
    /** For each of `buckets`: the logins linked to a site key in it (ordered by id). One pass. */
    bucketEntries(buckets: readonly number[], bucketOf: (site: string) => number): Map<number, IndexRecord[]> {
      const ids = new Map<number, Set<string>>(buckets.map((b) => [b, new Set()]));
      for (const [site, siteIds] of bySite) {
        const into = siteIds.size ? ids.get(bucketOf(site)) : undefined;
        if (into) for (const id of siteIds) if (!byId.get(id)!.ahead) into.add(id);
      }
      const out = new Map<number, IndexRecord[]>();
      for (const [bucket, set] of ids) {
        out.set(
          bucket,
          [...set].sort().map((id): IndexRecord => {
            const entry = byId.get(id)!;
            return [id, entry.overview, entry.sites];
          }),
        );
      }
      return out;
    },
    /** Site keys whose logins changed since the buckets were persisted ('all': every bucket). */
    changedSites(): readonly string[] | 'all' {
      return dirty === 'all' ? 'all' : [...dirty];
    },
    /** The write that last persisted each bucket ('' = unknown). */
    bucketGens(): string[] {
      return [...bucketGens];
    },
    /** Write `gen` has persisted these buckets, which hold every changed site key. */
    markPersisted(buckets: readonly number[], gen: string): void {
      dirty = new Set();
      for (const b of buckets) bucketGens[b] = gen;
    },
    /** Loaded together with a verified head: every bucket is as persisted by `gens`. */
    adoptPersisted(gens: readonly string[]): void {
      if (gens.length !== SITE_BUCKETS) return;
      dirty = new Set();
      gens.forEach((gen, b) => (bucketGens[b] = gen));
    },
    /**
     * Builds the search index in slices of 500 entries between other work, so that a message
     * arriving right after unlock (the popup's first paint) is not held up behind it.
     */
    prepareSearch(): void {
      if (searchIndex) return;
      const started = generation;
      const step = () => {
        if (generation !== started || searchIndex) return;
        if (!buildSlice(500)) setTimeout(step, 0);
      };
      setTimeout(step, 0);
    },
  };
}

export type OverviewIndex = ReturnType<typeof createOverviewIndex>;

/**
 * Entries of a serialized index and the write it came from; versions 1 (no sites: recomputed) and 2
 * (no write name) are accepted.
 */
export function parseSerializedIndex(text: string): { entries: IndexRecord[]; gen: string | null } {
  const parsed = JSON.parse(text) as { v?: unknown; gen?: unknown; entries?: unknown };
  if ((parsed.v !== SERIAL_VERSION && parsed.v !== 2 && parsed.v !== 1) || !Array.isArray(parsed.entries))
    throw new Error('Unsupported overview index');
  return { entries: parsed.entries as IndexRecord[], gen: typeof parsed.gen === 'string' ? parsed.gen : null };
}
