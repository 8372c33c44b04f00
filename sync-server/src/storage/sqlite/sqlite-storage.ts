// The SQLite adapter of the storage port: one better-sqlite3 connection to one file.
//
// better-sqlite3 is synchronous, but a unit of work is async and may await between statements. While
// one is open, any other statement on the connection would run inside its transaction (and be rolled
// back with it), so the connection has a gate: a transaction holds it from BEGIN to COMMIT, and other
// transactions and single calls queue behind it. A single call that finds the gate free runs at once,
// synchronously, as the server did before the port existed (the sync.pull hot path costs no extra tick).
import { createLocalChangeChannel } from '../local-change-channel';
import type { MigrationResult, Storage, Stores } from '../port';
import { sqliteAccounts, sqliteRegistration } from './accounts';
import { sqliteAudit } from './audit';
import { sqliteIndexSnapshots } from './index-snapshots';
import { sqliteItems } from './items';
import { sqliteManifestNodes } from './manifest-nodes';
import { sqliteRequestBudget } from './request-budget';
import { currentSchemaVersion, migrate } from './migrate';
import { migrations } from './migrations';
import type { Db } from './open-database';
import { sqliteInvites, sqliteSessions } from './sessions';
import { sqliteTables } from './tables';
import { sqliteThrottles } from './throttles';
import type { SyncStore } from './sync-store';

type Gate = {
  /** Runs `call` now if the gate is free, else once the holder and those queued before are done. */
  call<T>(call: () => T): Promise<T>;
  /** Runs `work` holding the gate. */
  hold<T>(work: () => Promise<T>): Promise<T>;
};

function createGate(): Gate {
  let held = false;
  const queue: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (!held) {
      held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  };
  // Hands the gate straight to the next in line, so `held` is false only when nobody waits.
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else held = false;
  };
  return {
    call(call) {
      if (!held) {
        try {
          return Promise.resolve(call());
        } catch (error) {
          return Promise.reject(error as Error);
        }
      }
      return acquire().then(() => {
        try {
          return call();
        } finally {
          release();
        }
      });
    },
    async hold(work) {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

function syncStores(db: Db) {
  return {
    accounts: sqliteAccounts(db),
    items: sqliteItems(db),
    manifestNodes: sqliteManifestNodes(db),
    indexSnapshots: sqliteIndexSnapshots(db),
    sessions: sqliteSessions(db),
    invites: sqliteInvites(db),
    registration: sqliteRegistration(db),
    audit: sqliteAudit(db),
    throttles: sqliteThrottles(db),
    requestBudget: sqliteRequestBudget(db),
    tables: sqliteTables(db),
  } satisfies { [Name in keyof Stores]: SyncStore<Stores[Name]> };
}

/** Each method of `store` as an async one, called through `run`. */
function asyncStore<Store>(store: SyncStore<Store>, run: <T>(call: () => T) => Promise<T>): Store {
  const methods = Object.entries(store as Record<string, (...args: unknown[]) => unknown>).map(([name, method]) => [
    name,
    (...args: unknown[]) => run(() => method(...args)),
  ]);
  return Object.fromEntries(methods) as Store;
}

function asyncStores(stores: ReturnType<typeof syncStores>, run: <T>(call: () => T) => Promise<T>): Stores {
  return {
    accounts: asyncStore(stores.accounts, run),
    items: asyncStore(stores.items, run),
    manifestNodes: asyncStore(stores.manifestNodes, run),
    indexSnapshots: asyncStore(stores.indexSnapshots, run),
    sessions: asyncStore(stores.sessions, run),
    invites: asyncStore(stores.invites, run),
    registration: asyncStore(stores.registration, run),
    audit: asyncStore(stores.audit, run),
    throttles: asyncStore(stores.throttles, run),
    requestBudget: asyncStore(stores.requestBudget, run),
    tables: asyncStore(stores.tables, run),
  };
}

/** Inside a transaction the gate is already held: calls run directly. */
function direct<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** The port over an open (not necessarily migrated) database; `close()` closes `db`. */
export function createSqliteStorage(db: Db): Storage {
  const gate = createGate();
  const stores = syncStores(db);
  const inTransaction = asyncStores(stores, direct);
  return {
    dialect: 'sqlite',
    // One SQLite file has one server process writing to it: announcements stay in that process.
    changes: createLocalChangeChannel(),
    ...asyncStores(stores, (call) => gate.call(call)),
    transaction: (work) =>
      gate.hold(async () => {
        // BEGIN IMMEDIATE takes the write lock now: a deferred transaction that read first would fail
        // with SQLITE_BUSY if another connection (the CLI) wrote meanwhile; this one waits (busy_timeout).
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(inTransaction);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    migrate: (): Promise<MigrationResult> => gate.call(() => migrate(db)),
    schemaVersion: () => gate.call(() => currentSchemaVersion(db)),
    latestSchemaVersion: migrations.at(-1)?.version ?? 0,
    close: () => gate.hold(async () => void db.close()),
  };
}
