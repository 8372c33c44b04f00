// What both adapters' migrate() do before touching the schema: refuse a database that a newer
// server has migrated past what this one knows, and list the migrations still to apply, in order.
import type { Migration } from './port';

export function pendingMigrations(from: number, migrations: readonly Migration[]): { pending: Migration[]; newest: number } {
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) {
    throw new Error(
      `The database is at schema version ${from} but this server only knows up to ${newest}. ` +
        'Run a newer keyhold-server, or restore a backup made by this version.',
    );
  }
  return { pending: migrations.filter((m) => m.version > from), newest };
}
