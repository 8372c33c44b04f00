// SQLite: the accounts table (credentials, KDF parameters, vault header) and the registration flag.
import type { AccountStore, AccountSummary, RegistrationStore } from '../port';
import { HEADER_COLUMNS, KDF_COLUMNS, headerColumns, headerStateFromRow, kdfFromRow, type HeaderRow, type KdfRow } from '../rows';
import { statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteAccounts(db: Db): SyncStore<AccountStore> {
  return {
    kdfByEmail(email) {
      const row = statement<[string], KdfRow>(db, `SELECT ${KDF_COLUMNS} FROM accounts WHERE email = ?`).get(email);
      return row ? kdfFromRow(row) : null;
    },
    kdfSettings() {
      return statement<[], KdfRow>(db, `SELECT ${KDF_COLUMNS} FROM accounts`).all().map(kdfFromRow);
    },
    credentialsByEmail(email) {
      const row = statement<[string], { id: string; auth_hash: string }>(db, 'SELECT id, auth_hash FROM accounts WHERE email = ?').get(email);
      return row ? { id: row.id, authHash: row.auth_hash } : null;
    },
    authHash(accountId) {
      return statement<[string], { auth_hash: string }>(db, 'SELECT auth_hash FROM accounts WHERE id = ?').get(accountId)?.auth_hash ?? null;
    },
    isTaken({ id, email }) {
      return statement(db, 'SELECT 1 FROM accounts WHERE id = ? OR email = ?').get(id, email) !== undefined;
    },
    insert(account) {
      statement(
        db,
        `INSERT INTO accounts (id, email, auth_hash, kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt,
           wrapped_vault_key, recovery_wrapped_vault_key, manifest, header_stamp, created_at)
         VALUES (@id, @email, @auth_hash, @kdf_memory_kib, @kdf_iterations, @kdf_parallelism, @kdf_salt,
           @wrapped_vault_key, @recovery_wrapped_vault_key, @manifest, @header_stamp, @created_at)`,
      ).run({
        id: account.id,
        email: account.email,
        auth_hash: account.authHash,
        ...headerColumns(account.kdf, account.header),
        created_at: account.createdAt,
      });
    },
    replaceCredentials(change) {
      const updated = statement<[Record<string, unknown>], { header_revision: number }>(
        db,
        `UPDATE accounts SET auth_hash = @new_hash, kdf_memory_kib = @kdf_memory_kib, kdf_iterations = @kdf_iterations,
           kdf_parallelism = @kdf_parallelism, kdf_salt = @kdf_salt, wrapped_vault_key = @wrapped_vault_key,
           recovery_wrapped_vault_key = @recovery_wrapped_vault_key, manifest = @manifest, header_stamp = @header_stamp,
           header_revision = header_revision + 1
         WHERE id = @id AND auth_hash = @verified_hash
         RETURNING header_revision`,
      ).get({ ...headerColumns(change.kdf, change.header), new_hash: change.authHash, id: change.accountId, verified_hash: change.expectedAuthHash });
      return updated?.header_revision ?? null;
    },
    delete(accountId) {
      // Foreign keys cascade to items and sessions (migrations.ts).
      statement(db, 'DELETE FROM accounts WHERE id = ?').run(accountId);
    },
    header(accountId) {
      const row = statement<[string], HeaderRow>(db, `SELECT ${HEADER_COLUMNS} FROM accounts WHERE id = ?`).get(accountId);
      return row ? headerStateFromRow(row) : null;
    },
    swapHeader({ accountId, baseRevision, header }) {
      // A header without a stamp (a manifest write) keeps the stored one: the wrapped keys it covers are unchanged.
      const row = statement<[string, string, string | null, string | null, string, number], { header_revision: number }>(
        db,
        `UPDATE accounts SET wrapped_vault_key = ?, recovery_wrapped_vault_key = ?, manifest = ?,
           header_stamp = COALESCE(?, header_stamp),
           header_revision = header_revision + 1 WHERE id = ? AND header_revision = ?
         RETURNING header_revision`,
      ).get(header.wrappedVaultKey, header.recoveryWrappedVaultKey, header.manifest ?? null, header.stamp ?? null, accountId, baseRevision);
      return row?.header_revision ?? null;
    },
    summaries({ now }) {
      const rows = statement<[number], { id: string; email: string; created_at: number; items: number; devices: number }>(
        db,
        `SELECT a.id, a.email, a.created_at,
           (SELECT count(*) FROM items i WHERE i.account_id = a.id AND i.deleted = 0) AS items,
           (SELECT count(*) FROM sessions s WHERE s.account_id = a.id AND s.expires_at > ?) AS devices
         FROM accounts a ORDER BY a.created_at, a.rowid`,
      ).all(now);
      return rows.map((r): AccountSummary => ({ id: r.id, email: r.email, createdAt: r.created_at, items: r.items, devices: r.devices }));
    },
  };
}

const REGISTRATION_CLOSED = 'registration_closed';

export function sqliteRegistration(db: Db): SyncStore<RegistrationStore> {
  return {
    isClosed() {
      return statement(db, 'SELECT 1 FROM server_meta WHERE key = ?').get(REGISTRATION_CLOSED) !== undefined;
    },
    close() {
      return statement(db, "INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, '1')").run(REGISTRATION_CLOSED).changes === 1;
    },
  };
}
