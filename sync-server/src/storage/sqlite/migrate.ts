// Applies pending migrations in order, all in one transaction, and refuses a database that was
// written by a newer server (downgrades are not supported: restore a backup instead).
import type { Migration, MigrationResult } from '../port';
import { pendingMigrations } from '../migration-plan';
import { migrations as allMigrations } from './migrations';
import type { Db } from './open-database';

export function migrate(db: Db, migrations: readonly Migration[] = allMigrations): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  // The check and every pending step in ONE immediate transaction: it takes the write lock before
  // reading the version, so a second process starting on the same file at the same moment (two
  // replicas, a CLI beside a server) waits for it (busy_timeout), then finds nothing pending —
  // instead of both applying the same step ("duplicate column"). A step that fails leaves none applied.
  return db
    .transaction((): MigrationResult => {
      const from = currentSchemaVersion(db);
      const { pending, newest } = pendingMigrations(from, migrations);
      const applied: number[] = [];
      for (const migration of pending) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
        applied.push(migration.version);
      }
      return { from, to: Math.max(from, newest), applied };
    })
    .immediate();
}

export function currentSchemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null } | undefined;
  return row?.version ?? 0;
}
