// PostgreSQL: the accounts table (credentials, KDF parameters, vault header) and the registration flag.
import { DomainError } from '../../domain/errors';
import type { AccountStore, RegistrationStore } from '../port';
import { HEADER_COLUMNS, KDF_COLUMNS, headerColumns, headerStateFromRow, kdfFromRow, type HeaderRow, type KdfRow } from '../rows';
import { isUniqueViolation, type Queryable } from './queryable';

export function postgresAccounts(db: Queryable): AccountStore {
  return {
    async kdfByEmail(email) {
      const { rows } = await db.query<KdfRow>(`SELECT ${KDF_COLUMNS} FROM accounts WHERE email = $1`, [email]);
      return rows[0] ? kdfFromRow(rows[0]) : null;
    },
    async kdfSettings() {
      const { rows } = await db.query<KdfRow>(`SELECT ${KDF_COLUMNS} FROM accounts`);
      return rows.map(kdfFromRow);
    },
    async credentialsByEmail(email) {
      const { rows } = await db.query<{ id: string; auth_hash: string }>('SELECT id, auth_hash FROM accounts WHERE email = $1', [email]);
      return rows[0] ? { id: rows[0].id, authHash: rows[0].auth_hash } : null;
    },
    async authHash(accountId) {
      const { rows } = await db.query<{ auth_hash: string }>('SELECT auth_hash FROM accounts WHERE id = $1', [accountId]);
      return rows[0]?.auth_hash ?? null;
    },
    async isTaken({ id, email }) {
      const { rows } = await db.query('SELECT 1 FROM accounts WHERE id = $1 OR email = $2', [id, email]);
      return rows.length > 0;
    },
    async insert(account) {
      const c = headerColumns(account.kdf, account.header);
      try {
        await db.query(
          `INSERT INTO accounts (id, email, auth_hash, kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt,
             wrapped_vault_key, recovery_wrapped_vault_key, manifest, header_stamp, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            account.id,
            account.email,
            account.authHash,
            c.kdf_memory_kib,
            c.kdf_iterations,
            c.kdf_parallelism,
            c.kdf_salt,
            c.wrapped_vault_key,
            c.recovery_wrapped_vault_key,
            c.manifest,
            c.header_stamp,
            account.createdAt,
          ],
        );
      } catch (error) {
        // Two registrations of one email at once: both saw it free (READ COMMITTED), the second loses here.
        if (isUniqueViolation(error)) throw new DomainError('conflict', 'An account with this email or account id already exists.');
        throw error;
      }
    },
    async replaceCredentials(change) {
      const c = headerColumns(change.kdf, change.header);
      const { rows } = await db.query<{ header_revision: number }>(
        `UPDATE accounts SET auth_hash = $1, kdf_memory_kib = $2, kdf_iterations = $3, kdf_parallelism = $4, kdf_salt = $5,
           wrapped_vault_key = $6, recovery_wrapped_vault_key = $7, manifest = $8, header_stamp = $11,
           header_revision = header_revision + 1
         WHERE id = $9 AND auth_hash = $10
         RETURNING header_revision`,
        [
          change.authHash,
          c.kdf_memory_kib,
          c.kdf_iterations,
          c.kdf_parallelism,
          c.kdf_salt,
          c.wrapped_vault_key,
          c.recovery_wrapped_vault_key,
          c.manifest,
          change.accountId,
          change.expectedAuthHash,
          c.header_stamp,
        ],
      );
      return rows[0]?.header_revision ?? null;
    },
    async delete(accountId) {
      // Foreign keys cascade to items and sessions (migrations.ts).
      await db.query('DELETE FROM accounts WHERE id = $1', [accountId]);
    },
    async header(accountId) {
      const { rows } = await db.query<HeaderRow>(`SELECT ${HEADER_COLUMNS} FROM accounts WHERE id = $1`, [accountId]);
      return rows[0] ? headerStateFromRow(rows[0]) : null;
    },
    async swapHeader({ accountId, baseRevision, header }) {
      // One statement: READ COMMITTED re-checks the WHERE on the newest row version after waiting for a concurrent writer.
      const { rows } = await db.query<{ header_revision: number }>(
        // A header without a stamp (a manifest write) keeps the stored one: the wrapped keys it covers are unchanged.
        `UPDATE accounts SET wrapped_vault_key = $1, recovery_wrapped_vault_key = $2, manifest = $3,
           header_stamp = COALESCE($6::text, header_stamp),
           header_revision = header_revision + 1 WHERE id = $4 AND header_revision = $5
         RETURNING header_revision`,
        [header.wrappedVaultKey, header.recoveryWrappedVaultKey, header.manifest ?? null, accountId, baseRevision, header.stamp ?? null],
      );
      return rows[0]?.header_revision ?? null;
    },
    async summaries({ now }) {
      const { rows } = await db.query<{ id: string; email: string; created_at: number; items: number; devices: number }>(
        `SELECT a.id, a.email, a.created_at,
           (SELECT count(*)::int FROM items i WHERE i.account_id = a.id AND NOT i.deleted) AS items,
           (SELECT count(*)::int FROM sessions s WHERE s.account_id = a.id AND s.expires_at > $1) AS devices
         FROM accounts a ORDER BY a.created_at, a.id`,
        [now],
      );
      return rows.map((r) => ({ id: r.id, email: r.email, createdAt: r.created_at, items: r.items, devices: r.devices }));
    },
  };
}

const REGISTRATION_CLOSED = 'registration_closed';

export function postgresRegistration(db: Queryable): RegistrationStore {
  return {
    async isClosed() {
      const { rows } = await db.query('SELECT 1 FROM server_meta WHERE key = $1', [REGISTRATION_CLOSED]);
      return rows.length > 0;
    },
    async close() {
      // A concurrent first registration waits on the key's uniqueness check, then inserts nothing.
      const result = await db.query("INSERT INTO server_meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO NOTHING", [REGISTRATION_CLOSED]);
      return result.rowCount === 1;
    },
  };
}
