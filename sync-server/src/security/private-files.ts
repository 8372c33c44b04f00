// The server's files hold verifier hashes, wrapped keys and the audit log: only the server's user
// may read them. The CLI runs with umask 077, so whatever it or SQLite creates (the database, its
// -wal and -shm files, backups, the secret, audit checkpoints) is 0600; files made by an older
// version or another tool are tightened at start.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

export const PRIVATE_UMASK = 0o077;

/** Creates `path` empty with mode 0600 if it does not exist (SQLite then keeps that mode for its -wal and -shm). */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
}

/** chmod 0600 on each of `paths` that exists. */
export function makePrivate(paths: readonly string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, 0o600);
}

/** A SQLite database and the files SQLite keeps next to it. */
export function sqliteFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`, `${path}-journal`];
}
