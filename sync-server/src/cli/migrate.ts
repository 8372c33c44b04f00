// `keyhold-server migrate`: creates or upgrades the database, then exits.
import { mkdirSync } from 'node:fs';
import type { ServerConfig } from '../config/server-config';
import { openStorage } from '../storage/open-storage';
import { withStorage } from './open-data';

export async function runMigrate(config: ServerConfig): Promise<number> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return withStorage(await openStorage(config.database), async (storage) => {
    const result = await storage.migrate();
    process.stdout.write(
      result.applied.length === 0
        ? `The database is up to date (schema version ${result.to}).\n`
        : `Migrated the database from schema version ${result.from} to ${result.to}.\n`,
    );
    return 0;
  });
}
