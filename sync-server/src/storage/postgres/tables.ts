// PostgreSQL: whole tables for `keyhold-server copy`, in a stable order (creation order for sessions).
import { TABLE_COLUMNS, type TableName, type TableRows, type TableStore } from '../port';
import type { Queryable } from './queryable';

const ORDER: { readonly [Table in TableName]: string } = {
  server_meta: 'key',
  accounts: 'created_at, id',
  sessions: 'seq',
  items: 'account_id, revision',
  invites: 'created_at, id',
  manifest_nodes: 'account_id, hash',
  index_snapshots: 'account_id',
  index_snapshot_chunks: 'account_id, snapshot_id, idx',
  audit_log: 'seq',
  audit_head: 'id',
};

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const BATCH = 500;

export function postgresTables(db: Queryable): TableStore {
  return {
    async count(table) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0]?.n ?? 0;
    },
    async read<Table extends TableName>(table: Table, { offset, limit }: { offset: number; limit: number }) {
      const { rows } = await db.query(`SELECT ${TABLE_COLUMNS[table].join(', ')} FROM ${table} ORDER BY ${ORDER[table]} LIMIT $1 OFFSET $2`, [
        limit,
        offset,
      ]);
      return rows as TableRows[Table][];
    },
    async write(table, rows) {
      const columns: readonly string[] = TABLE_COLUMNS[table];
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH) as readonly Record<string, unknown>[];
        const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
        await db.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
          batch.flatMap((row) => columns.map((column) => row[column])),
        );
      }
    },
  };
}
