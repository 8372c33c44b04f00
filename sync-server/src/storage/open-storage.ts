// Opens the storage adapter the configuration names. Today: the SQLite file in the data directory.
import { join } from 'node:path';
import type { ServerConfig } from '../config/server-config';
import type { Storage } from './port';
import { DATABASE_FILE, openDatabase } from './sqlite/open-database';
import { createSqliteStorage } from './sqlite/sqlite-storage';

export function sqlitePath(config: Pick<ServerConfig, 'dataDir'>): string {
  return join(config.dataDir, DATABASE_FILE);
}

/** Opens (creating if needed) the configured database; not migrated. */
export function openStorage(config: Pick<ServerConfig, 'dataDir'>): Promise<Storage> {
  return Promise.resolve(createSqliteStorage(openDatabase(sqlitePath(config))));
}
