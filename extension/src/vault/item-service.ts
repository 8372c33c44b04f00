// Items in the background: list and search from the overview index, open one item (its details are
// decrypted only here, on demand), and every write — save, trash, restore, delete forever, bulk
// edits. Each write seals first (crypto cannot run inside an IndexedDB transaction), then writes
// the item rows and the re-sealed overview index in ONE transaction, so the index and the items
// never disagree. Writes are serialised, so a slower write cannot land an older index last.
// Sync hooks in at two points: a change hook records every local write in the same transaction
// (the outbox), and applyRemote() writes what sync planned, serialised with local writes.
import { sealItem, type SealedItem } from '@keyhold/shared/crypto/seal-item';
import { openItemDetails } from '@keyhold/shared/crypto/open-item';
import { openItemKey } from '@keyhold/shared/crypto/open-item-key';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import type { Item, Overview } from '@keyhold/shared/items/item';
import { applyEdit } from '@keyhold/shared/items/apply-edit';
import { splitItem } from '@keyhold/shared/items/split-item';
import { joinItem } from '@keyhold/shared/items/join-item';
import { decodeItemPart, encodeItemPart, ItemTooLargeError } from '@keyhold/shared/items/encode-part';
import { parseDetails } from '@keyhold/shared/items/parse-part';
import { InvalidItemError, validateItem } from '@keyhold/shared/items/validate-item';
import { UserError } from '../messaging/result';
import type { Table } from 'dexie';
import type { VaultDb } from './db';
import type { Unlocked, VaultService } from './vault-service';
import { sealIndex } from './index-store';
import type { ListPage, ListQuery } from './overview-index';

export type BulkPatch = { favorite?: boolean; folder?: string | null; addTags?: string[]; removeTags?: string[] };

export type ItemDeps = { db: VaultDb; vault: VaultService; now: () => number };

/** Ids written by one local change. */
export type LocalChange = { put: readonly string[]; remove: readonly string[]; at: number };

/**
 * Told about every local write: `record` runs inside the write's transaction (on `tables`), before
 * the rows are written, so a change and its record commit or fail together and `record` still sees
 * the rows as they were; `committed` runs once the transaction is done.
 */
export type ChangeHook = { tables: readonly Table[]; record(change: LocalChange): Promise<void>; committed(change: LocalChange): void };

/** What sync wants written: item rows, and its own records written in the same transaction. */
export type RemoteChanges = {
  put: { row: SealedItem; overview: Overview | null }[];
  remove: string[];
  tables: readonly Table[];
  write(): Promise<void>;
};

type AlsoWrite = { tables: readonly Table[]; write(): Promise<void> };

export function createItemService(deps: ItemDeps) {
  const { db, vault, now } = deps;
  let queue: Promise<unknown> = Promise.resolve();
  let changeHook: ChangeHook | null = null;

  /** Runs writes one after another. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  function openRow(state: Unlocked, row: SealedItem): Item {
    const overview = state.index.overview(row.id);
    if (!overview) throw new UserError('UNREADABLE', 'This item cannot be read. Its stored data is damaged.');
    try {
      const decoded = decodeItemPart(openItemDetails({ vaultKey: state.vaultKey, accountId: state.accountId, item: row }), { kind: 'details' });
      const parsed = decoded.ok ? parseDetails(decoded.value) : decoded;
      if (!parsed.ok) throw new Error(parsed.reason);
      return joinItem(overview, parsed.details);
    } catch {
      throw new UserError('UNREADABLE', 'This item cannot be read. Its stored data is damaged.');
    }
  }

  async function load(state: Unlocked, id: string): Promise<{ row: SealedItem; item: Item }> {
    const row = await db.items.get(id);
    if (!row) throw new UserError('NOT_FOUND', 'That item no longer exists.');
    return { row, item: openRow(state, row) };
  }

  function seal(state: Unlocked, item: Item, previous?: SealedItem): { row: SealedItem; overview: Overview } {
    const { overview, details } = splitItem(item);
    let itemKey: Uint8Array | undefined;
    try {
      if (previous) itemKey = openItemKey({ vaultKey: state.vaultKey, accountId: state.accountId, itemId: item.id, wrappedItemKey: previous.key });
      const row = sealItem({
        vaultKey: state.vaultKey,
        accountId: state.accountId,
        itemId: item.id,
        overview: encodeItemPart(overview, { kind: 'overview' }),
        details: encodeItemPart(details, { kind: 'details' }),
        ...(itemKey ? { itemKey } : {}),
      });
      return { row, overview };
    } catch (error) {
      if (error instanceof ItemTooLargeError) throw new UserError('INVALID', 'This item is too large to save. Shorten its notes or fields.');
      throw error;
    } finally {
      if (itemKey) zeroize(itemKey);
    }
  }

  /** A local write: rows, index and the change hook's record in one transaction. */
  async function commit(state: Unlocked, changes: { put?: { row: SealedItem; overview: Overview }[]; remove?: string[] }): Promise<void> {
    const hook = changeHook;
    const change: LocalChange = { put: (changes.put ?? []).map((c) => c.row.id), remove: changes.remove ?? [], at: now() };
    await write(state, changes, hook ? { tables: hook.tables, write: () => hook.record(change) } : undefined);
    hook?.committed(change);
  }

  /** Applies index changes, writes rows, the index and `also` atomically; rolls the memory index back on failure. */
  async function write(
    state: Unlocked,
    changes: { put?: { row: SealedItem; overview: Overview | null }[]; remove?: string[] },
    also?: AlsoWrite,
  ): Promise<void> {
    const undo: (() => void)[] = [];
    const remember = (id: string) => {
      const before = state.index.overview(id);
      undo.push(before === undefined ? () => state.index.remove(id) : () => state.index.upsert(id, before));
    };
    for (const { row, overview } of changes.put ?? []) {
      remember(row.id);
      state.index.upsert(row.id, overview);
    }
    for (const id of changes.remove ?? []) {
      remember(id);
      state.index.remove(id);
    }
    try {
      const sealed = await sealIndex(state.index, state);
      await db.transaction('rw', [db.items, db.meta, ...(also?.tables ?? [])], async () => {
        // `also` first: the change hook may read the rows as they were before this write.
        await also?.write();
        if (changes.put?.length) await db.items.bulkPut(changes.put.map((c) => c.row));
        if (changes.remove?.length) await db.items.bulkDelete(changes.remove);
        await sealed.put(db);
      });
      sealed.done();
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  function validated(item: Item): Item {
    const result = validateItem(item);
    if (!result.ok) throw new UserError('INVALID', result.reason);
    return item;
  }

  async function mapItems(ids: readonly string[], change: (item: Item) => Item): Promise<void> {
    const state = await vault.requireUnlocked();
    await exclusive(async () => {
      const put: { row: SealedItem; overview: Overview }[] = [];
      for (const id of new Set(ids)) {
        const { row, item } = await load(state, id);
        const next = applyEdit(item, validated(change(structuredClone(item))), now());
        if (next !== item) put.push(seal(state, next, row));
      }
      if (put.length) await commit(state, { put });
    });
  }

  return {
    async list(query: ListQuery): Promise<ListPage> {
      const state = await vault.requireUnlocked();
      return state.index.list(query);
    },

    async get(id: string): Promise<Item> {
      const state = await vault.requireUnlocked();
      return (await load(state, id)).item;
    },

    /** Creates or updates; an update keeps replaced passwords in the item's history. */
    async save(input: Item): Promise<{ id: string }> {
      const state = await vault.requireUnlocked();
      return exclusive(async () => {
        const existing = await db.items.get(input.id);
        let next: Item;
        try {
          if (existing) {
            const previous = openRow(state, existing);
            next = applyEdit(previous, validated({ ...input, createdAt: previous.createdAt } as Item), now());
            if (next === previous) return { id: input.id };
          } else {
            const at = now();
            next = validated({ ...input, createdAt: at, updatedAt: at } as Item);
          }
        } catch (error) {
          if (error instanceof InvalidItemError) throw new UserError('INVALID', error.message);
          throw error;
        }
        await commit(state, { put: [seal(state, next, existing)] });
        return { id: next.id };
      });
    },

    /** Adds many new items in one transaction (import); an id that already exists is skipped. */
    async importMany(input: readonly Item[]): Promise<{ added: number; skipped: number }> {
      const state = await vault.requireUnlocked();
      return exclusive(async () => {
        const existing = new Set((await db.items.bulkGet(input.map((i) => i.id))).flatMap((r) => (r ? [r.id] : [])));
        const put: { row: SealedItem; overview: Overview }[] = [];
        for (const item of input) {
          if (existing.has(item.id) || state.index.has(item.id)) continue;
          existing.add(item.id);
          put.push(seal(state, validated(item)));
        }
        if (put.length) await commit(state, { put });
        return { added: put.length, skipped: input.length - put.length };
      });
    },

    trash: (ids: readonly string[]) => mapItems(ids, (item) => ({ ...item, trashedAt: now() }) as Item),
    restore: (ids: readonly string[]) => mapItems(ids, (item) => ({ ...item, trashedAt: null }) as Item),

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
        } as Item;
      });
    },

    /** Removes items for good. Unreadable items can be deleted too. */
    async deleteForever(ids: readonly string[]): Promise<void> {
      const state = await vault.requireUnlocked();
      await exclusive(async () => {
        const present = (await db.items.bulkGet([...new Set(ids)])).filter((r): r is SealedItem => r !== undefined);
        if (present.length) await commit(state, { remove: present.map((r) => r.id) });
      });
    },

    async tagsAndFolders(): Promise<{ tags: string[]; folders: string[] }> {
      const state = await vault.requireUnlocked();
      return state.index.tagsAndFolders();
    },

    /** Sync's outbox: told about every local write from now on (null stops it). */
    setChangeHook(hook: ChangeHook | null): void {
      changeHook = hook;
    },

    /**
     * Writes changes that came from sync. `plan` reads the current rows and decides; it runs in the
     * write queue, so no local edit can land between its reads and this write (which would lose
     * it). Rows, the overview index and the caller's records commit in one transaction; the change
     * hook is not told (these changes are not local).
     */
    async applyRemote<T>(plan: (state: Unlocked) => Promise<{ changes: RemoteChanges; result: T }>): Promise<T> {
      const state = await vault.requireUnlocked();
      return exclusive(async () => {
        const { changes, result } = await plan(state);
        if (changes.put.length === 0 && changes.remove.length === 0) {
          // No item changes: the index stays as it is, only the caller's records are written.
          if (changes.tables.length > 0) await db.transaction('rw', [...changes.tables], () => changes.write());
        } else {
          await write(state, changes, { tables: changes.tables, write: () => changes.write() });
        }
        return result;
      });
    },
  };
}

export type ItemService = ReturnType<typeof createItemService>;
