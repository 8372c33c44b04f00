// Copies every table from one database to another, SQLite or PostgreSQL either way
// (`keyhold-server copy`), in one transaction on the destination: it ends with all of it or none.
// The destination must be empty and both at this server's schema version; rows are copied as they
// are, so sessions stay signed in and the audit log's HMAC chain still verifies with the same secret.
// The source should not change meanwhile: stop the server (or copy from a backup).
import { TABLE_COLUMNS, type Storage, type TableName } from './port';

export const COPY_ORDER = Object.keys(TABLE_COLUMNS) as TableName[];

export type CopyCounts = Record<TableName, number>;

/** Fewer rows per page where a row is large: an index snapshot's chunk is up to 3 MiB (ADR 0025). */
const MAX_PAGE_ROWS: Partial<Record<TableName, number>> = { index_snapshot_chunks: 8 };

export async function copyDatabase(from: Storage, to: Storage, options: { pageSize?: number } = {}): Promise<CopyCounts> {
  const pageSize = options.pageSize ?? 1000;
  const latest = to.latestSchemaVersion;
  const [fromVersion, toVersion] = await Promise.all([from.schemaVersion(), to.schemaVersion()]);
  if (fromVersion !== latest || toVersion !== latest) {
    throw new Error(
      `Both databases must be at schema version ${latest} (source ${fromVersion}, destination ${toVersion}): ` +
        'run "keyhold-server migrate" on each first.',
    );
  }
  return to.transaction(async (tx) => {
    for (const table of COPY_ORDER) {
      if ((await tx.tables.count(table)) > 0) {
        throw new Error(`The destination is not empty (table ${table} has rows): copy into a new, empty database.`);
      }
    }
    const counts = {} as CopyCounts;
    for (const table of COPY_ORDER) {
      const limit = Math.min(pageSize, MAX_PAGE_ROWS[table] ?? pageSize);
      let copied = 0;
      for (;;) {
        const rows = await from.tables.read(table, { offset: copied, limit });
        if (rows.length > 0) await tx.tables.write(table, rows);
        copied += rows.length;
        if (rows.length < limit) break;
      }
      const source = await from.tables.count(table);
      if (source !== copied)
        throw new Error(`The source changed during the copy (${table}: ${source} rows, ${copied} copied). Stop the server and copy again.`);
      counts[table] = copied;
    }
    return counts;
  });
}
