// `keyhold-server migrate`: creates or upgrades the database, then exits.
import { mkdirSync } from 'node:fs';
import type { ServerConfig } from '../config/server-config';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { databasePath } from './open-data';

export function runMigrate(config: ServerConfig): number {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(databasePath(config));
  try {
    const result = migrate(db);
    process.stdout.write(
      result.applied.length === 0
        ? `The database is up to date (schema version ${result.to}).\n`
        : `Migrated the database from schema version ${result.from} to ${result.to}.\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
