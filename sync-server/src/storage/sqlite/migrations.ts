// The database schema as an ordered list of migrations. Each runs once, in its own transaction, and
// is recorded in `schema_migrations`; never edit a released migration, append a new one.
// Tables are STRICT (https://sqlite.org/stricttables.html) so a wrong type is an error, not a coercion.

import type { Migration } from '../port';

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, sessions, items, invites, audit log',
    sql: `
      CREATE TABLE server_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,                      -- uuid chosen by the client, bound into its ciphertexts
        email TEXT NOT NULL UNIQUE,               -- normalised (NFC, trimmed, lowercase)
        auth_hash TEXT NOT NULL,                  -- Argon2id PHC string of the auth key
        kdf_memory_kib INTEGER NOT NULL,
        kdf_iterations INTEGER NOT NULL,
        kdf_parallelism INTEGER NOT NULL,
        kdf_salt TEXT NOT NULL,
        wrapped_vault_key TEXT NOT NULL,
        recovery_wrapped_vault_key TEXT NOT NULL,
        manifest TEXT,
        header_revision INTEGER NOT NULL DEFAULT 1,
        revision INTEGER NOT NULL DEFAULT 0,      -- per-account item counter, last assigned revision
        purged_through INTEGER NOT NULL DEFAULT 0,-- highest revision of a purged tombstone
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,                      -- hex SHA-256 of the token; the token is never stored
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        device_name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_account ON sessions(account_id);
      CREATE INDEX sessions_by_expiry ON sessions(expires_at);

      -- Keyed by (account, id): an id used by another account is simply another row, so no query
      -- can tell whether an id exists elsewhere.
      CREATE TABLE items (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
        key_envelope TEXT,
        overview_envelope TEXT,
        details_envelope TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, id),
        CHECK ((deleted = 1) = (key_envelope IS NULL AND overview_envelope IS NULL AND details_envelope IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX items_by_revision ON items(account_id, revision);
      CREATE INDEX tombstones_by_age ON items(updated_at) WHERE deleted = 1;

      CREATE TABLE invites (
        id TEXT PRIMARY KEY,                      -- hex SHA-256 of the invite token
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        used_by TEXT
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        event TEXT NOT NULL,
        account_id TEXT,
        session_id TEXT,
        subject TEXT,                             -- keyed hash of an email, never the email itself
        ip TEXT,
        detail TEXT,
        mac TEXT NOT NULL                         -- HMAC chain, see src/audit/audit-log.ts
      ) STRICT;
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        mac TEXT NOT NULL
      ) STRICT;
      -- Append-only by construction; the HMAC chain catches whoever drops these triggers.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'login throttles in the database',
    sql: `
      -- Failed sign-in attempts per key: "login:<keyed hash of the email>", "login-ip:<address or /64>",
      -- "reauth:<account id>". Kept here rather than in memory so a restart does not reset them and
      -- every process serving the database counts the same attempts.
      CREATE TABLE login_throttle (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until INTEGER NOT NULL,
        last_attempt INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX login_throttle_by_age ON login_throttle(last_attempt);
    `,
  },
  {
    version: 3,
    name: 'per-address request budget in the database',
    sql: `
      -- Requests per client address (or IPv6 /64) in fixed windows aligned to the clock, so that
      -- every process serving the database spends one budget (limits/ip-rate-limiter.ts).
      CREATE TABLE request_budget (
        key TEXT NOT NULL,
        window_start INTEGER NOT NULL,            -- ms since the epoch, a multiple of the window
        count INTEGER NOT NULL,
        PRIMARY KEY (key, window_start)
      ) STRICT;
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
      -- Buckets and mids of the manifest tree (shared/src/sync/manifest-tree.ts), under the hash the
      -- server computed from kind and bytes. Keyed by (account, hash) like items: one account's nodes
      -- are invisible to another, even when their bytes are the same.
      CREATE TABLE manifest_nodes (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        hash BLOB NOT NULL CHECK (length(hash) = 16),
        kind TEXT NOT NULL CHECK (kind IN ('bucket', 'mid')),
        bytes BLOB NOT NULL,
        PRIMARY KEY (account_id, hash)
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'manifest tree splits (a node kind for buckets split by the next hex digit)',
    sql: `
      -- A bucket of the manifest tree that grew too large is a split naming 16 smaller ones (ADR 0023,
      -- format 3). SQLite cannot change a CHECK in place: the table is made again, rows copied.
      CREATE TABLE manifest_nodes_v6 (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        hash BLOB NOT NULL CHECK (length(hash) = 16),
        kind TEXT NOT NULL CHECK (kind IN ('bucket', 'mid', 'split')),
        bytes BLOB NOT NULL,
        PRIMARY KEY (account_id, hash)
      ) STRICT;
      INSERT INTO manifest_nodes_v6 (account_id, hash, kind, bytes) SELECT account_id, hash, kind, bytes FROM manifest_nodes;
      DROP TABLE manifest_nodes;
      ALTER TABLE manifest_nodes_v6 RENAME TO manifest_nodes;
    `,
  },
  {
    version: 7,
    name: 'index snapshots (sealed by the clients, stored in chunks)',
    sql: `
      -- The account's current index snapshot (docs/adr/0025-first-sync-index-snapshot.md): which of
      -- its chunks below make a complete snapshot. At most one per account.
      CREATE TABLE index_snapshots (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        snapshot_id BLOB NOT NULL CHECK (length(snapshot_id) = 16),
        chunk_count INTEGER NOT NULL CHECK (chunk_count >= 1)
      ) STRICT;
      -- Sealed chunks, opaque to the server: the current snapshot's and those of one upload under way.
      -- Every chunk says how many its snapshot has, so an upload knows when it is complete.
      CREATE TABLE index_snapshot_chunks (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        snapshot_id BLOB NOT NULL CHECK (length(snapshot_id) = 16),
        idx INTEGER NOT NULL CHECK (idx >= 0 AND idx < chunk_count),
        chunk_count INTEGER NOT NULL CHECK (chunk_count >= 1),
        bytes BLOB NOT NULL,
        PRIMARY KEY (account_id, snapshot_id, idx)
      ) STRICT;
    `,
  },
];
