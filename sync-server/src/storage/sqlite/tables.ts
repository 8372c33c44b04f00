// SQLite: whole tables for `keyhold-server copy`, in insertion order (rowid).
import { TABLE_COLUMNS, type TableRows, type TableStore } from '../port';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteTables(db: Db): SyncStore<TableStore> {
  return {
    count(table) {
      return statement<[], { n: number }>(db, `SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
    },
    read(table, { offset, limit }) {
      const rows = statement<[number, number], Record<string, unknown>>(
        db,
        `SELECT ${TABLE_COLUMNS[table].join(', ')} FROM ${table} ORDER BY rowid LIMIT ? OFFSET ?`,
      ).all(limit, offset);
      return (table === 'items' ? rows.map((row) => ({ ...row, deleted: row.deleted === 1 })) : rows) as TableRows[typeof table][];
    },
    write(table, rows) {
      const columns: readonly string[] = TABLE_COLUMNS[table];
      const insert = statement(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows as readonly Record<string, unknown>[]) {
        insert.run(columns.map((column) => (typeof row[column] === 'boolean' ? Number(row[column]) : row[column])));
      }
    },
  };
}
