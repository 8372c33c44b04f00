// Opens the SQLite file with the pragmas the server relies on, and caches prepared statements.
// Only the SQLite adapter (this folder) and the CLI's SQLite-only commands open it.
//
// journal_mode=WAL: readers never block the writer (https://sqlite.org/wal.html).
// synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss (not on a process
// crash). An acknowledged push that later vanishes would look to clients exactly like a server
// rolling back their vault, so we pay one fsync per write transaction for durability. Reads, the
// hot path, are unaffected.
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';

export type { Db };

export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

const statementCache = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared once (preparing costs more than most queries). */
export function statement<Params extends unknown[] = unknown[], Row = unknown>(db: Db, sql: string): Statement<Params, Row> {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared as unknown as Statement<Params, Row>;
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays (a view, no copy). */
export const blob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
