// Opens the storage adapter the configuration names: a SQLite file (the default, in the data
// directory) or a PostgreSQL database. The PostgreSQL adapter is loaded only when asked for.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseLocation } from '../config/server-config';
import type { Storage } from './port';
import { openDatabase } from './sqlite/open-database';
import { createSqliteStorage } from './sqlite/sqlite-storage';

/** Opens (creating a SQLite file if needed) the configured database; not migrated. */
export async function openStorage(database: DatabaseLocation): Promise<Storage> {
  if (database.kind === 'postgres') {
    const { createPostgresStorage } = await import('./postgres/pg-storage');
    return createPostgresStorage({ connectionString: database.url });
  }
  mkdirSync(dirname(database.path), { recursive: true, mode: 0o700 });
  return createSqliteStorage(openDatabase(database.path));
}

/** How to name the database in messages and logs: never the URL, which may hold a password. */
export function describeDatabase(database: DatabaseLocation): string {
  if (database.kind === 'sqlite') return database.path;
  try {
    const url = new URL(database.url);
    return `postgres://${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}
