// `keyhold-server backup FILE`: a consistent copy made with SQLite's online backup API
// (https://sqlite.org/backup.html), safe while the server runs. Restoring is documented in
// docs/self-hosting.md: stop the server, put the copy in place as keyhold.sqlite, start.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServerConfig } from '../config/server-config';
import { makePrivate, sqliteFiles } from '../security/private-files';
import { openDatabase } from '../storage/sqlite/open-database';

export async function runBackup(config: ServerConfig, options: { file: string }): Promise<number> {
  const target = resolve(options.file);
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name.`);
  if (config.database.kind !== 'sqlite') {
    throw new Error('backup copies a SQLite database; back up PostgreSQL with pg_dump (docs/self-hosting.md).');
  }
  const path = config.database.path;
  if (!existsSync(path)) throw new Error(`No database at ${path}. Check --data-dir.`);
  const db = openDatabase(path);
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  // Already 0600 under the CLI's umask; said again for callers of this function with another umask.
  makePrivate(sqliteFiles(target));
  process.stdout.write(
    `Backed up the database to ${target}.\n` +
      `Keep ${config.secret === undefined ? 'DATA_DIR/server-secret' : 'your KEYHOLD_SECRET'} safe too: ` +
      'the audit log can only be verified with the same secret.\n',
  );
  return 0;
}
