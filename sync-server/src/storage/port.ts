// The storage port: everything the use cases ask of a database, per aggregate, as async calls.
// Two adapters implement it, sqlite/ (better-sqlite3, the embedded default) and postgres/ (pg); the
// use cases never see SQL. docs/adr/0012-server-storage-port.md says why it is shaped this way.
//
// `Storage` offers the stores for single calls, each committed on its own, and `transaction(work)`:
// a unit of work whose stores share one transaction, committed when `work` resolves and rolled back
// when it throws. The PostgreSQL adapter may run `work` again after a serialization failure or a
// deadlock, so `work` must only touch the database and compute. Inside `work`, use only the stores
// it was given: the top-level ones would wait for the transaction that is waiting for them.
import type { NodeKind } from '@keyhold/shared/sync/manifest-tree';
import type { HeaderState, KdfParams, ServerItem, VaultHeader } from '@keyhold/shared/sync/protocol';

export type NewAccount = {
  id: string;
  /** Normalised (NFC, trimmed, lowercase) by the protocol schema. */
  email: string;
  /** Argon2id PHC string of the auth key. */
  authHash: string;
  kdf: KdfParams;
  header: VaultHeader;
  createdAt: number;
};

export type AccountSummary = { id: string; email: string; createdAt: number; items: number; devices: number };

export type AccountStore = {
  /** The KDF parameters stored for the account with this email (prelogin). */
  kdfByEmail(email: string): Promise<KdfParams | null>;
  /** Every account's KDF parameters, cost and salt, in no set order (prelogin's decoys are drawn from them). */
  kdfSettings(): Promise<KdfParams[]>;
  credentialsByEmail(email: string): Promise<{ id: string; authHash: string } | null>;
  authHash(accountId: string): Promise<string | null>;
  /** True when an account has this id or this email. */
  isTaken(account: { id: string; email: string }): Promise<boolean>;
  /** A new account: header revision 1, item revision 0. */
  insert(account: NewAccount): Promise<void>;
  /**
   * Swaps auth hash, KDF parameters and header, and bumps the header revision, only if the stored
   * hash is still `expectedAuthHash`. The new header revision, or null when it was not.
   */
  replaceCredentials(change: {
    accountId: string;
    expectedAuthHash: string;
    authHash: string;
    kdf: KdfParams;
    header: VaultHeader;
  }): Promise<number | null>;
  /** Removes the account with its items and sessions. */
  delete(accountId: string): Promise<void>;
  header(accountId: string): Promise<HeaderState | null>;
  /** Writes the header if its revision is still `baseRevision`; the new revision, or null when it was not. */
  swapHeader(swap: { accountId: string; baseRevision: number; header: VaultHeader }): Promise<number | null>;
  /** Every account with its live item and device counts, oldest first (the `users` command). */
  summaries(options: { now: number }): Promise<AccountSummary[]>;
};

/** What one pull page reads, from one consistent view of the account. */
export type ItemChanges = {
  /** The account's last assigned revision. */
  revision: number;
  /** Highest revision of a purged tombstone. */
  purgedThrough: number;
  /** Items with a revision above `since`, in revision order, at most `limit` (and `maxChars`, see changesSince). */
  items: ServerItem[];
};

export type ItemStore = {
  /**
   * Null when the account does not exist. Reads at most `limit` items, and stops after the first item
   * that brings the envelopes' length to `maxChars` (default: no bound) or more (one item at least): a page is bounded in
   * memory before it is read, however many large items follow.
   */
  changesSince(query: { accountId: string; since: number; limit: number; maxChars?: number }): Promise<ItemChanges | null>;
  /**
   * The account's revision counter, locked until the transaction ends, so that pushes to one
   * account run one after the other and hand out consecutive revisions. Null when no such account.
   */
  lockRevision(accountId: string): Promise<number | null>;
  setRevision(accountId: string, revision: number): Promise<void>;
  /** Stored revision per id, for those of `ids` the account has. */
  revisions(accountId: string, ids: readonly string[]): Promise<Map<string, number>>;
  /** The stored versions of those of `ids` the account has. */
  get(accountId: string, ids: readonly string[]): Promise<ServerItem[]>;
  /** Inserts or replaces items; a tombstone (`deleted`) keeps no envelopes. */
  put(accountId: string, items: readonly ServerItem[]): Promise<void>;
  /**
   * Deletes tombstones last written before `cutoff`, raising each account's purged-through mark to
   * the highest revision it lost. Returns how many.
   */
  purgeTombstones(options: { cutoff: number }): Promise<number>;
};

/** A manifest tree node (shared/src/sync/manifest-tree.ts), stored under the hash the server computed. */
export type ManifestNodeRecord = { hash: Uint8Array; kind: NodeKind; bytes: Uint8Array };

/** The account's manifest tree nodes, keyed by (account, hash): another account's nodes are never seen. */
export type ManifestNodeStore = {
  /** Stores the nodes the account does not hold yet; how many were new. */
  put(accountId: string, nodes: readonly ManifestNodeRecord[]): Promise<number>;
  /** The account's nodes among `hashes`, in their order. */
  get(accountId: string, hashes: readonly Uint8Array[]): Promise<ManifestNodeRecord[]>;
  /** Every node the account holds, without its bytes. */
  list(accountId: string): Promise<{ hash: Uint8Array; kind: NodeKind }[]>;
  count(accountId: string): Promise<number>;
  /** Deletes the account's nodes among `hashes`; how many. */
  delete(accountId: string, hashes: readonly Uint8Array[]): Promise<number>;
};

/** An index snapshot (vault/index-snapshot.ts): its random id and how many chunks it has. */
export type SnapshotRef = { snapshotId: Uint8Array; count: number };

/** One sealed chunk of an index snapshot, as the client uploaded it (decoded from base64url). */
export type SnapshotChunkRecord = SnapshotRef & { index: number; bytes: Uint8Array };

/**
 * The account's index snapshots (docs/adr/0025): the current one, named by a row of its own, and
 * chunks filed under (account, snapshot id, index) — the current snapshot's and an upload's.
 */
export type IndexSnapshotStore = {
  /** The account's current (complete) snapshot, or null. */
  current(accountId: string): Promise<SnapshotRef | null>;
  /** Makes `snapshot` the account's current one (its chunks must all be stored). */
  setCurrent(accountId: string, snapshot: SnapshotRef): Promise<void>;
  /** The chunks stored under `snapshotId`, without their bytes. */
  chunkIndexes(accountId: string, snapshotId: Uint8Array): Promise<{ index: number; count: number }[]>;
  /** The byte length of one stored chunk, read without its bytes; null when there is none. */
  chunkLength(accountId: string, snapshotId: Uint8Array, index: number): Promise<number | null>;
  chunk(accountId: string, snapshotId: Uint8Array, index: number): Promise<Uint8Array | null>;
  /** Stores a chunk, replacing one already stored at its (snapshot id, index). */
  putChunk(accountId: string, chunk: SnapshotChunkRecord): Promise<void>;
  /** Deletes the account's chunks filed under any snapshot id but those in `keep`; how many. */
  deleteChunks(accountId: string, options: { keep: readonly Uint8Array[] }): Promise<number>;
};

export type SessionRecord = {
  /** Hex SHA-256 of the token; the token itself is never stored. */
  id: string;
  accountId: string;
  deviceName: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
};

export type SessionStore = {
  insert(session: SessionRecord): Promise<void>;
  find(sessionId: string): Promise<SessionRecord | null>;
  touch(sessionId: string, times: { lastUsedAt: number; expiresAt: number }): Promise<void>;
  /** Deletes one session, only if it belongs to `accountId` when that is given. False when none was deleted. */
  delete(target: { sessionId: string; accountId?: string }): Promise<boolean>;
  /** The account's sessions not expired at `now`, oldest first. */
  listLive(options: { accountId: string; now: number }): Promise<SessionRecord[]>;
  /** Ids of the account's sessions other than `except`. */
  idsOfAccount(options: { accountId: string; except: string }): Promise<string[]>;
  deleteExpired(options: { now: number }): Promise<number>;
};

export type InviteStore = {
  /** `id` is the hex SHA-256 of the invite token. */
  insert(invite: { id: string; createdAt: number; expiresAt: number }): Promise<void>;
  /** True when an unused invite with this id has not expired at `now` (checked before the slow hash). */
  isUsable(options: { id: string; now: number }): Promise<boolean>;
  /** Marks an unused, unexpired invite used by `accountId`; false when there is none. */
  consume(options: { id: string; accountId: string; now: number }): Promise<boolean>;
  /** Deletes expired invites that were never used. */
  deleteExpired(options: { now: number }): Promise<number>;
};

/** Open registration for the very first account only (see accounts/register-account.ts). */
export type RegistrationStore = {
  isClosed(): Promise<boolean>;
  /** Closes registration; true when this call closed it, false when it was closed already. */
  close(): Promise<boolean>;
};

/** One audit record as stored, without its MAC (the fields the MAC covers, in audit/audit-log.ts). */
export type AuditRow = {
  seq: number;
  at: number;
  event: string;
  account_id: string | null;
  session_id: string | null;
  subject: string | null;
  ip: string | null;
  detail: string | null;
};
export type AuditEntry = AuditRow & { mac: string };
/** A position in the chain: a row's seq and MAC, or the head record's seq and head MAC. */
export type AuditMark = { seq: number; mac: string };

export type AuditStore = {
  /** The newest row's seq and MAC, locked against other appends until the transaction ends. */
  tailForAppend(): Promise<AuditMark | null>;
  /** Appends a row and moves the head record; call in the transaction that read the tail. */
  append(entry: AuditEntry, head: AuditMark): Promise<void>;
  /** Rows with seq above `afterSeq`, in order, at most `limit`. */
  page(options: { afterSeq: number; limit: number }): Promise<AuditEntry[]>;
  head(): Promise<AuditMark | null>;
};

/** Failed sign-in attempts under one key (see limits/login-throttle.ts). */
export type ThrottleEntry = { key: string; failures: number; lockedUntil: number; lastAttempt: number };

export type ThrottleStore = {
  /** The entries stored for `keys`, locked until the transaction ends so concurrent attempts count one by one. */
  lock(keys: readonly string[], options: { now: number }): Promise<Map<string, ThrottleEntry>>;
  put(entries: readonly ThrottleEntry[]): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** Forgets entries not tried since `lastAttemptBefore` and not locked at `now`; returns how many. */
  deleteIdle(options: { lastAttemptBefore: number; now: number }): Promise<number>;
};

/**
 * Requests per client address in fixed, clock-aligned windows (limits/ip-rate-limiter.ts), shared by
 * every process on the database. Transient: not copied between databases.
 */
export type RequestBudgetStore = {
  /** Adds each key's count to its counter for the window starting at `windowStart`; every key's new total. */
  add(windowStart: number, counts: ReadonlyMap<string, number>): Promise<Map<string, number>>;
  /** Forgets the counters of windows that started before `windowStart`; returns how many. */
  deleteBefore(windowStart: number): Promise<number>;
};

/**
 * Every table's rows as the copy between databases moves them (`keyhold-server copy`): the column
 * names both dialects share, `deleted` as a boolean. Listed in the order they must be written
 * (foreign keys), with their columns.
 */
export type TableRows = {
  server_meta: { key: string; value: string };
  accounts: {
    id: string;
    email: string;
    auth_hash: string;
    kdf_memory_kib: number;
    kdf_iterations: number;
    kdf_parallelism: number;
    kdf_salt: string;
    wrapped_vault_key: string;
    recovery_wrapped_vault_key: string;
    manifest: string | null;
    header_stamp: string | null;
    header_revision: number;
    revision: number;
    purged_through: number;
    created_at: number;
  };
  sessions: { id: string; account_id: string; device_name: string; created_at: number; last_used_at: number; expires_at: number };
  items: {
    account_id: string;
    id: string;
    revision: number;
    deleted: boolean;
    key_envelope: string | null;
    overview_envelope: string | null;
    details_envelope: string | null;
    updated_at: number;
  };
  invites: { id: string; created_at: number; expires_at: number; used_at: number | null; used_by: string | null };
  manifest_nodes: { account_id: string; hash: Uint8Array; kind: NodeKind; bytes: Uint8Array };
  index_snapshots: { account_id: string; snapshot_id: Uint8Array; chunk_count: number };
  index_snapshot_chunks: { account_id: string; snapshot_id: Uint8Array; idx: number; chunk_count: number; bytes: Uint8Array };
  audit_log: AuditEntry;
  audit_head: { id: number; seq: number; mac: string };
};
export type TableName = keyof TableRows;

export const TABLE_COLUMNS: { readonly [Table in TableName]: readonly (keyof TableRows[Table] & string)[] } = {
  server_meta: ['key', 'value'],
  accounts: [
    'id',
    'email',
    'auth_hash',
    'kdf_memory_kib',
    'kdf_iterations',
    'kdf_parallelism',
    'kdf_salt',
    'wrapped_vault_key',
    'recovery_wrapped_vault_key',
    'manifest',
    'header_stamp',
    'header_revision',
    'revision',
    'purged_through',
    'created_at',
  ],
  sessions: ['id', 'account_id', 'device_name', 'created_at', 'last_used_at', 'expires_at'],
  items: ['account_id', 'id', 'revision', 'deleted', 'key_envelope', 'overview_envelope', 'details_envelope', 'updated_at'],
  invites: ['id', 'created_at', 'expires_at', 'used_at', 'used_by'],
  manifest_nodes: ['account_id', 'hash', 'kind', 'bytes'],
  index_snapshots: ['account_id', 'snapshot_id', 'chunk_count'],
  index_snapshot_chunks: ['account_id', 'snapshot_id', 'idx', 'chunk_count', 'bytes'],
  audit_log: ['seq', 'at', 'event', 'account_id', 'session_id', 'subject', 'ip', 'detail', 'mac'],
  audit_head: ['id', 'seq', 'mac'],
};

/** Whole tables, in a stable order (insertion order where it matters: sessions, audit). */
export type TableStore = {
  count(table: TableName): Promise<number>;
  read<Table extends TableName>(table: Table, page: { offset: number; limit: number }): Promise<TableRows[Table][]>;
  write<Table extends TableName>(table: Table, rows: readonly TableRows[Table][]): Promise<void>;
};

export type Stores = {
  accounts: AccountStore;
  items: ItemStore;
  manifestNodes: ManifestNodeStore;
  indexSnapshots: IndexSnapshotStore;
  sessions: SessionStore;
  invites: InviteStore;
  registration: RegistrationStore;
  audit: AuditStore;
  throttles: ThrottleStore;
  requestBudget: RequestBudgetStore;
  tables: TableStore;
};

/** One step of a dialect's schema history; version N means the same logical schema in every dialect. */
export type Migration = { version: number; name: string; sql: string };
export type MigrationResult = { from: number; to: number; applied: number[] };

/** "This account's items changed; its revision is now `revision`" — the whole content of a live-push event. */
export type AccountChange = { accountId: string; revision: number };

/**
 * Where committed changes are announced to every server process on this database (live push,
 * docs/adr/0013-live-push.md): in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. Best effort: a
 * lost announcement only delays a device until its next poll or reconnect.
 */
export type ChangeChannel = {
  /** Announces a committed change; call after the transaction that made it has committed. */
  publish(change: AccountChange): Promise<void>;
  /** Hears every announcement (this process's too) until the returned function is called. */
  listen(listener: (change: AccountChange) => void): Promise<() => Promise<void>>;
};

export type Storage = Stores & {
  readonly dialect: 'sqlite' | 'postgres';
  readonly changes: ChangeChannel;
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
  /** Applies pending migrations; refuses a database written by a newer server. */
  migrate(): Promise<MigrationResult>;
  schemaVersion(): Promise<number>;
  /** The newest schema version this server knows. */
  readonly latestSchemaVersion: number;
  close(): Promise<void>;
};
