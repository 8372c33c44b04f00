// Items in the background: list and search from the overview index, open one item (its details are
// decrypted only here, on demand), and every write — save, trash, restore, delete forever, bulk
// edits, and what sync brings. Every call borrows the vault key from the session for its length
// (session.ts), so a lock waits for a write in progress and refuses the next; writes go through
// item-writes.ts (one transaction each, one after another).
// Sync hooks in at two points, both given at construction: a change hook records every local write in
// the same transaction (the outbox), and applyRemote() writes what sync planned.
import type { Table } from 'dexie';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { isOpaque, type Item, type Overview } from '@keyhold/shared/items/item';
import type { LoginUrl } from '@keyhold/shared/items/types/login';
import { applyEdit } from '@keyhold/shared/items/apply-edit';
import { jsonEqual } from '@keyhold/shared/items/json';
import { isTombstone, mergeItem } from '@keyhold/shared/sync/merge';
import { InvalidItemError, validateItem } from '@keyhold/shared/items/validate-item';
import { UserError } from '../common/user-error';
import type { VaultDb } from './db';
import type { Unlocked, VaultSession } from './session';
import type { ListPage, ListQuery } from './overview-index';
import { openItemRow, sealItemRow } from './item-codec';
import { createItemWrites, type IndexWrite, type QueueOptions } from './item-writes';
import { writeIndex } from './index-store';
import { createRowsAhead } from './rows-ahead';
import { t } from '../i18n/messages';

export type BulkPatch = { favorite?: boolean; folder?: string | null; addTags?: string[]; removeTags?: string[] };

/** Ids written by one local change. */
export type LocalChange = { put: readonly string[]; remove: readonly string[]; at: number };

/**
 * Told about every local write: `record` runs inside the write's transaction (on `tables`), before
 * the rows are written, so a change and its record commit or fail together and `record` still sees
 * the rows as they were; `committed` runs once the transaction is done.
 */
export type ChangeHook = { tables: readonly Table[]; record(change: LocalChange): Promise<void>; committed(change: LocalChange): void };

/**
 * What sync wants written: item rows, and its own records written in the same transaction. `index:
 * 'defer'` (a bulk download, page after page) leaves the stored index to `persistIndex()` at its end
 * (item-writes.ts); the default is 'seal'.
 */
export type RemoteChanges = {
  put: { row: SealedItem; overview: Overview | null }[];
  remove: string[];
  index?: IndexWrite;
  tables: readonly Table[];
  write(): Promise<void>;
};

export type ItemDeps = { db: VaultDb; session: Pick<VaultSession, 'borrow'>; now: () => number; changeHook?: ChangeHook };

/** An edit made from `base`, merged onto `current`, which moved on since (an edit beats a deletion). */
function mergeOnto(current: Item, base: Item, edit: Item, at: number): Item {
  const { merged } = mergeItem({ base, local: edit, remote: current, now: at });
  return isTombstone(merged) ? edit : merged;
}

const unreadable = () => new UserError('UNREADABLE', t('error_item_service_this_item_cannot_be_read'));

export function createItemService(deps: ItemDeps) {
  const { db, session, now, changeHook } = deps;
  /** Items listed ahead of their rows (listAhead): what reads or changes one waits for its row. */
  const ahead = createRowsAhead();
  const { exclusive, write } = createItemWrites(db, ahead);

  async function load(state: Unlocked, id: string): Promise<{ row: SealedItem; item: Item }> {
    const row = await db.items.get(id);
    if (!row) throw new UserError('NOT_FOUND', t('error_item_service_that_item_no_longer_exists'));
    const opened = openItemRow(row, state);
    if (!opened.ok) throw unreadable();
    return { row, item: opened.item };
  }

  /** A local write: rows, index and the change hook's record in one transaction. */
  async function commit(state: Unlocked, changes: { put?: { row: SealedItem; overview: Overview }[]; remove?: string[] }): Promise<void> {
    const change: LocalChange = { put: (changes.put ?? []).map((c) => c.row.id), remove: changes.remove ?? [], at: now() };
    await write(state, changes, changeHook ? { tables: changeHook.tables, write: () => changeHook.record(change) } : undefined);
    changeHook?.committed(change);
  }

  function validated(item: Item): Item {
    const result = validateItem(item);
    if (!result.ok) throw new UserError('INVALID', result.reason);
    return item;
  }

  /** Borrows the key, then queues: a lock waits for a write that has been asked for, and refuses later ones. */
  const writing = <T>(work: (state: Unlocked) => Promise<T>, options?: QueueOptions): Promise<T> =>
    session.borrow((state) => exclusive(() => work(state), options));

  async function mapItems(ids: readonly string[], change: (item: Item) => Item): Promise<void> {
    await ahead.ready(ids);
    return writing(async (state) => {
      const put: { row: SealedItem; overview: Overview }[] = [];
      for (const id of new Set(ids)) {
        const { row, item } = await load(state, id);
        const next = applyEdit(item, validated(change(structuredClone(item))), now());
        if (next !== item) put.push(sealItemRow(next, state, row));
      }
      if (put.length) await commit(state, { put });
    });
  }

  return {
    list: (query: ListQuery): Promise<ListPage> => session.borrow((state) => state.index.list(query)),

    async get(id: string): Promise<Item> {
      await ahead.ready([id]);
      return session.borrow(async (state) => (await load(state, id)).item);
    },

    /**
     * Creates or updates; an update keeps replaced passwords in the item's history. `base` is the
     * version the edit started from: when the stored item has moved on since (sync brought another
     * device's change while the form was open), the edit is merged onto it field by field, as sync
     * merges (ADR 0004): fields only the other side changed are kept, and a field both changed keeps
     * this edit's value with the other one recorded as a conflict to resolve.
     */
    async save(input: Item, base?: Item): Promise<{ id: string }> {
      await ahead.ready([input.id]);
      return writing(async (state) => {
        const existing = await db.items.get(input.id);
        let next: Item;
        try {
          if (existing) {
            const opened = openItemRow(existing, state);
            if (!opened.ok) throw unreadable();
            const previous = opened.item;
            const edited = base && base.id === input.id && !jsonEqual(base, previous) ? mergeOnto(previous, base, input, now()) : input;
            // The one cast left: `createdAt` of an opaque item is typed `unknown`, so the spread is not an
            // Item to TypeScript. The stored item was parsed when it was opened, and validated() checks this one.
            next = applyEdit(previous, validated({ ...edited, createdAt: previous.createdAt } as Item), now());
            if (next === previous) return { id: input.id };
          } else {
            const at = now();
            next = validated({ ...input, createdAt: at, updatedAt: at });
          }
        } catch (error) {
          if (error instanceof InvalidItemError) throw new UserError('INVALID', error.message);
          throw error;
        }
        await commit(state, { put: [sealItemRow(next, state, existing)] });
        return { id: next.id };
      });
    },

    /** Adds many new items in one transaction (import); an id that already exists is skipped. */
    async importMany(input: readonly Item[]): Promise<{ added: number; skipped: number }> {
      await ahead.ready(input.map((i) => i.id));
      return writing(async (state) => {
        const existing = new Set((await db.items.bulkGet(input.map((i) => i.id))).flatMap((r) => (r ? [r.id] : [])));
        const put: { row: SealedItem; overview: Overview }[] = [];
        for (const item of input) {
          if (existing.has(item.id) || state.index.has(item.id)) continue;
          existing.add(item.id);
          put.push(sealItemRow(validated(item), state));
        }
        if (put.length) await commit(state, { put });
        return { added: put.length, skipped: input.length - put.length };
      });
    },

    /**
     * Writes rows sealed earlier (an import's staging, import/import-session.ts): `plan` runs in the
     * write queue and returns the rows to put; they commit with the index in ONE transaction, and the
     * change hook records them like any local write (so they sync).
     */
    async writeSealed<T>(plan: (state: Unlocked) => Promise<{ put: { row: SealedItem; overview: Overview }[]; result: T }>): Promise<T> {
      // An import's plan may read any row.
      await ahead.all();
      return writing(async (state) => {
        const { put, result } = await plan(state);
        if (put.length) await commit(state, { put });
        return result;
      });
    },

    /**
     * Adds a website to a login unless it has that URL already (a sibling subdomain the user agreed
     * to fill, autofill/service/fill-service.ts). It syncs like any edit.
     */
    addWebsite: (id: string, website: LoginUrl) =>
      mapItems([id], (item) => {
        // A login of a newer schema (opaque) is left as this version found it.
        if (isOpaque(item) || item.type !== 'login' || item.urls.some((u) => u.url === website.url)) return item;
        return { ...item, urls: [...item.urls, website] };
      }),

    trash: (ids: readonly string[]) => mapItems(ids, (item) => ({ ...item, trashedAt: now() })),
    restore: (ids: readonly string[]) => mapItems(ids, (item) => ({ ...item, trashedAt: null })),

    update(ids: readonly string[], patch: BulkPatch): Promise<void> {
      return mapItems(ids, (item) => {
        const tags = new Set<string>(Array.isArray(item.tags) ? item.tags : []);
        for (const t of patch.addTags ?? []) if (t.trim()) tags.add(t.trim());
        for (const t of patch.removeTags ?? []) tags.delete(t);
        return {
          ...item,
          tags: [...tags],
          ...(patch.favorite !== undefined ? { favorite: patch.favorite } : {}),
          ...(patch.folder !== undefined ? { folder: patch.folder } : {}),
        };
      });
    },

    /** Removes items for good. Unreadable items can be deleted too. */
    async deleteForever(ids: readonly string[]): Promise<void> {
      await ahead.ready(ids);
      return writing(async (state) => {
        const present = (await db.items.bulkGet([...new Set(ids)])).filter((r): r is SealedItem => r !== undefined);
        if (present.length) await commit(state, { remove: present.map((r) => r.id) });
      });
    },

    tagsAndFolders: (): Promise<{ tags: string[]; folders: string[] }> => session.borrow((state) => state.index.tagsAndFolders()),

    /**
     * Writes changes that came from sync. `plan` reads the current rows and decides; it runs in the
     * write queue, so no local edit can land between its reads and this write (which would lose
     * it). Rows, the overview index and the caller's records commit in one transaction; the change
     * hook is not told (these changes are not local). `pipelined`: see item-writes.ts (a download's
     * pages, deferred, each item once).
     */
    applyRemote<T>(plan: (state: Unlocked) => Promise<{ changes: RemoteChanges; result: T }>, options?: QueueOptions): Promise<T> {
      return writing(async (state) => {
        const { changes, result } = await plan(state);
        if (changes.put.length === 0 && changes.remove.length === 0 && changes.index !== 'complete') {
          // No item changes: the index stays as it is, only the caller's records are written.
          if (changes.tables.length > 0) await db.transaction('rw', [...changes.tables], () => changes.write());
        } else {
          await write(state, changes, { tables: changes.tables, write: () => changes.write() }, changes.index ?? 'seal');
        }
        return result;
      }, options);
    },

    /** Runs `work` in the write queue: what it reads of the rows and the index is of one moment. */
    whileWritesWait<T>(work: (state: Unlocked) => Promise<T>): Promise<T> {
      return writing(work);
    },

    /**
     * Lists items ahead of their rows (a new device's first sync, ADR 0027): they are listed,
     * searched and suggested at once; reading or changing one waits until the write carrying its row
     * has begun, and the stored index leaves them out until then. Items listed already are left as
     * they are. The caller ends it with endAhead() whatever happens. Returns how many were listed.
     */
    listAhead(entries: readonly { id: string; overview: Overview; sites?: readonly string[] | null }[]): Promise<number> {
      return session.borrow((state) => {
        const listed = state.index.listAhead(entries.map((e) => [e.id, e.overview, e.sites] as const));
        ahead.add(listed);
        return listed.length;
      });
    },

    /** Whatever is still listed ahead of its row is no longer listed, and nothing waits for it any more. */
    async endAhead(): Promise<void> {
      try {
        await session.borrow((state) => state.index.dropAhead());
      } catch (error) {
        // Locked: the index went with the key.
        if (!(error instanceof UserError && error.code === 'LOCKED')) throw error;
      } finally {
        ahead.clear();
      }
    },

    /** The vault locked: the index that listed items ahead is gone, and nothing waits for their rows any more. */
    locked(): void {
      ahead.clear();
    },

    /** Stores the whole overview index, after writes that deferred it. */
    persistIndex(): Promise<void> {
      return writing((state) => writeIndex(db, state.index, state));
    },
  };
}

export type ItemService = ReturnType<typeof createItemService>;
