// Opening the configured database from the CLI: the same adapter, file and pragmas as the server.
import { existsSync } from 'node:fs';
import type { ServerConfig } from '../config/server-config';
import { openStorage } from '../storage/open-storage';
import type { Storage } from '../storage/port';

/** Opens an existing database; a missing SQLite file is an error that names the path. */
export async function openExistingStorage(config: ServerConfig): Promise<Storage> {
  if (config.database.kind === 'sqlite' && !existsSync(config.database.path)) {
    throw new Error(`No database at ${config.database.path}. Check --data-dir, or run "keyhold-server migrate" to create one.`);
  }
  return openStorage(config.database);
}

/** Runs `work` on the open storage and closes it afterwards, whatever happens. */
export async function withStorage<T>(storage: Storage, work: (storage: Storage) => Promise<T>): Promise<T> {
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}
