// Opening the data directory's database from the CLI: the same file and pragmas as the server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../config/server-config';
import { DATABASE_FILE, openDatabase, type Db } from '../db/open-database';

export function databasePath(config: ServerConfig): string {
  return join(config.dataDir, DATABASE_FILE);
}

/** Opens an existing database; a missing one is an error that names the path. */
export function openExistingDatabase(config: ServerConfig): Db {
  const path = databasePath(config);
  if (!existsSync(path)) {
    throw new Error(`No database at ${path}. Check --data-dir, or run "keyhold-server migrate" to create one.`);
  }
  return openDatabase(path);
}
