// The items table's row and its wire form (ServerItem), shared by pull and push.
import type { ServerItem } from '@keyhold/shared/sync/protocol';

export type ItemRow = {
  id: string;
  revision: number;
  deleted: 0 | 1;
  key_envelope: string | null;
  overview_envelope: string | null;
  details_envelope: string | null;
  updated_at: number;
};

export const ITEM_COLUMNS = 'id, revision, deleted, key_envelope, overview_envelope, details_envelope, updated_at';

/** Stored envelopes were validated when pushed; they are passed through, not re-validated. */
export function serverItemFromRow(row: ItemRow): ServerItem {
  if (row.deleted === 1) {
    return { id: row.id, revision: row.revision, deleted: true, envelopes: null, updatedAt: row.updated_at };
  }
  return {
    id: row.id,
    revision: row.revision,
    deleted: false,
    envelopes: { key: row.key_envelope ?? '', overview: row.overview_envelope ?? '', details: row.details_envelope ?? '' },
    updatedAt: row.updated_at,
  };
}

export function itemSize(row: ItemRow): number {
  return (row.key_envelope?.length ?? 0) + (row.overview_envelope?.length ?? 0) + (row.details_envelope?.length ?? 0);
}
