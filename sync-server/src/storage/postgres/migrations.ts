// The PostgreSQL schema as an ordered list of migrations, numbered like SQLite's (sqlite/migrations.ts):
// version N is the same logical schema in both. Each runs once, in its own transaction, and is
// recorded in `schema_migrations`; never edit a released migration, append a new one.
// Times are milliseconds since the epoch (BIGINT, read back as numbers by pg-storage.ts).
import type { Migration } from '../port';

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, sessions, items, invites, audit log',
    sql: `
      CREATE TABLE server_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        auth_hash TEXT NOT NULL,
        kdf_memory_kib INTEGER NOT NULL,
        kdf_iterations INTEGER NOT NULL,
        kdf_parallelism INTEGER NOT NULL,
        kdf_salt TEXT NOT NULL,
        wrapped_vault_key TEXT NOT NULL,
        recovery_wrapped_vault_key TEXT NOT NULL,
        manifest TEXT,
        header_revision BIGINT NOT NULL DEFAULT 1,
        revision BIGINT NOT NULL DEFAULT 0,
        purged_through BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      );

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        device_name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY     -- creation order among equal created_at
      );
      CREATE INDEX sessions_by_account ON sessions(account_id);
      CREATE INDEX sessions_by_expiry ON sessions(expires_at);

      CREATE TABLE items (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        revision BIGINT NOT NULL,
        deleted BOOLEAN NOT NULL,
        key_envelope TEXT,
        overview_envelope TEXT,
        details_envelope TEXT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, id),
        CHECK (deleted = (key_envelope IS NULL AND overview_envelope IS NULL AND details_envelope IS NULL))
      );
      CREATE UNIQUE INDEX items_by_revision ON items(account_id, revision);
      CREATE INDEX tombstones_by_age ON items(updated_at) WHERE deleted;

      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT,
        used_by TEXT
      );

      CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY,
        at BIGINT NOT NULL,
        event TEXT NOT NULL,
        account_id TEXT,
        session_id TEXT,
        subject TEXT,
        ip TEXT,
        detail TEXT,
        mac TEXT NOT NULL
      );
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq BIGINT NOT NULL,
        mac TEXT NOT NULL
      );
      -- Append-only by construction; the HMAC chain catches whoever drops these triggers.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `,
  },
  {
    version: 2,
    name: 'login throttles in the database',
    sql: `
      CREATE TABLE login_throttle (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until BIGINT NOT NULL,
        last_attempt BIGINT NOT NULL
      );
      CREATE INDEX login_throttle_by_age ON login_throttle(last_attempt);
    `,
  },
  {
    version: 3,
    name: 'per-address request budget in the database',
    sql: `
      CREATE TABLE request_budget (
        key TEXT NOT NULL,
        window_start BIGINT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (key, window_start)
      );
      CREATE INDEX request_budget_by_window ON request_budget(window_start);
    `,
  },
  {
    version: 4,
    name: 'vault header stamp (MAC by the vault key, made by the clients)',
    sql: `
      ALTER TABLE accounts ADD COLUMN header_stamp TEXT;
    `,
  },
  {
    version: 5,
    name: 'manifest tree nodes (written by the clients, stored by hash)',
    sql: `
      CREATE TABLE manifest_nodes (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        hash BYTEA NOT NULL CHECK (length(hash) = 16),
        kind TEXT NOT NULL CHECK (kind IN ('bucket', 'mid')),
        bytes BYTEA NOT NULL,
        PRIMARY KEY (account_id, hash)
      );
    `,
  },
  {
    version: 6,
    name: 'manifest tree splits (a node kind for buckets split by the next hex digit)',
    sql: `
      ALTER TABLE manifest_nodes DROP CONSTRAINT manifest_nodes_kind_check;
      ALTER TABLE manifest_nodes ADD CONSTRAINT manifest_nodes_kind_check CHECK (kind IN ('bucket', 'mid', 'split'));
    `,
  },
  {
    version: 7,
    name: 'index snapshots (sealed by the clients, stored in chunks)',
    sql: `
      CREATE TABLE index_snapshots (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        snapshot_id BYTEA NOT NULL CHECK (length(snapshot_id) = 16),
        chunk_count INTEGER NOT NULL CHECK (chunk_count >= 1)
      );
      CREATE TABLE index_snapshot_chunks (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        snapshot_id BYTEA NOT NULL CHECK (length(snapshot_id) = 16),
        idx INTEGER NOT NULL CHECK (idx >= 0 AND idx < chunk_count),
        chunk_count INTEGER NOT NULL CHECK (chunk_count >= 1),
        bytes BYTEA NOT NULL,
        PRIMARY KEY (account_id, snapshot_id, idx)
      );
      -- Sealed chunks do not compress: kept out of line without trying to.
      ALTER TABLE index_snapshot_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
    `,
  },
];
