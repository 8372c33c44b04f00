// Sync conflicts for the popup: which items have open conflicts (the badge), both values of each
// conflicted field (the resolve view), and settling them — per field keep this device's value or
// take the other one, or keep both as two items. Settling is an ordinary local save, so it syncs
// like any edit and every device sees the choice (@keyhold/shared/sync/merge-conflicts).
import { openConflictsOf, resolveConflict, splitConflict, type OpenConflict } from '@keyhold/shared/sync/merge-conflicts';
import type { Item } from '@keyhold/shared/items/item';
import { UserError } from '../common/user-error';
import type { SyncDb } from './sync-db';
import type { ItemService } from '../vault/item-service';
import { t } from '../i18n/messages';

export type ConflictSummary = { id: string; name: string; fields: string[]; detectedAt: number };
export type ConflictDetail = { id: string; name: string; conflicts: OpenConflict[] };
export type FieldChoice = { field: string; choose: 'local' | 'remote' };

const nameOf = (item: Item): string => (typeof item.name === 'string' ? item.name : '');

export function createConflicts(deps: { db: SyncDb; items: ItemService; now: () => number }) {
  const { db, items, now } = deps;

  async function load(id: string): Promise<{ item: Item; open: OpenConflict[] }> {
    const item = await items.get(id);
    const open = openConflictsOf(item);
    if (open.length === 0) {
      await db.conflicts.delete(id);
      throw new UserError('NOT_FOUND', t('error_conflicts_this_item_has_no_open'));
    }
    return { item, open };
  }

  return {
    async count(): Promise<number> {
      return db.conflicts.count();
    },

    /** Items with open conflicts; marks that are stale (settled elsewhere, item gone) are dropped. */
    async list(): Promise<ConflictSummary[]> {
      const rows = await db.conflicts.toArray();
      const out: ConflictSummary[] = [];
      for (const row of rows) {
        let item: Item;
        try {
          item = await items.get(row.id);
        } catch (error) {
          if (error instanceof UserError && error.code === 'NOT_FOUND') {
            await db.conflicts.delete(row.id);
            continue;
          }
          throw error;
        }
        const fields = [...new Set(openConflictsOf(item).map((c) => c.field))];
        if (fields.length === 0) await db.conflicts.delete(row.id);
        else out.push({ id: row.id, name: nameOf(item), fields, detectedAt: row.detectedAt });
      }
      return out.sort((a, b) => b.detectedAt - a.detectedAt);
    },

    async get(id: string): Promise<ConflictDetail> {
      const { item, open } = await load(id);
      return { id, name: nameOf(item), conflicts: open };
    },

    /** Settles the chosen fields; the item stays marked while other fields are still open. */
    async resolve(id: string, choices: readonly FieldChoice[]): Promise<{ remaining: number }> {
      const { item, open } = await load(id);
      const fields = new Set(open.map((c) => c.field));
      let next = item;
      for (const choice of choices) {
        if (!fields.has(choice.field)) throw new UserError('INVALID', t('error_conflicts_that_field_has_no_open'));
        next = resolveConflict(next, { field: choice.field, choose: choice.choose, now: now() });
      }
      await items.save(next);
      const remaining = openConflictsOf(next).length;
      if (remaining === 0) await db.conflicts.delete(id);
      return { remaining };
    },

    /** "Keep both": this item keeps this device's values, a new item takes the other ones. */
    async keepBoth(id: string): Promise<{ copyId: string }> {
      const { item } = await load(id);
      const [kept, copy] = splitConflict(item, { now: now(), copyName: (name) => t('sync_conflict_copy_name', name) });
      await items.save(kept);
      await items.save(copy);
      await db.conflicts.delete(id);
      return { copyId: copy.id };
    },
  };
}

export type Conflicts = ReturnType<typeof createConflicts>;
