// A simulated browser for sync tests, all in this Node process: its own IndexedDB (fake-indexeddb),
// vault and item services, the outbox hook, and the sync engine with a scheduler that only records
// what it was asked (tests decide when runs happen). `restart()` builds a fresh set of services on
// the same database and session, as a service-worker restart does.
import 'fake-indexeddb/auto';
import { KDF_FLOORS, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { newItem } from '@keyhold/shared/items/new-item';
import type { Item, LoginItem } from '@keyhold/shared/items/item';
import { SyncDb } from '../../../src/sync/sync-db';
import type { SessionStore } from '../../../src/vault/session-store';
import type { VaultService } from '../../../src/vault/vault-service';
import type { ItemService } from '../../../src/vault/item-service';
import type { SyncEngine } from '../../../src/sync/engine';
import type { KeyRotation } from '../../../src/vault/rotation';
import { createConflicts, type Conflicts } from '../../../src/sync/conflicts';
import { createRecordingScheduler, vaultWorld, type RecordingScheduler } from '../../helpers/vault-world';
import type { AccountDeps } from '../../../src/sync/account-deps';
import { signUp } from '../../../src/sync/sign-up';
import { logIn } from '../../../src/sync/log-in';

export const PASSWORD = 'correct horse battery staple 42';
export const EMAIL = 'alice@example.org';

export type Clock = { now: number };
export { createRecordingScheduler, type RecordingScheduler };

export type Device = {
  name: string;
  db: SyncDb;
  session: SessionStore;
  vault: VaultService;
  items: ItemService;
  engine: SyncEngine;
  rotation: KeyRotation;
  scheduler: RecordingScheduler;
  account: AccountDeps;
  conflicts: Conflicts;
  restart(): Device;
};

let dbCounter = 0;

export type DeviceOptions = {
  clock: Clock;
  name?: string;
  fetch?: typeof fetch;
  db?: SyncDb;
  session?: SessionStore;
  holdGraceMs?: number;
  kdf?: KdfCost;
  /** The engine's threshold for writing an index snapshot (its default keeps small test vaults without one). */
  snapshotMinChanges?: number;
};

export function createDevice(options: DeviceOptions): Device {
  const name = options.name ?? `device-${++dbCounter}`;
  const scheduler = createRecordingScheduler();
  const {
    db,
    store: session,
    vault,
    items,
    engine,
    rotation,
  } = vaultWorld({
    now: () => options.clock.now,
    scheduler,
    kdf: options.kdf ?? KDF_FLOORS,
    ...(options.db ? { db: options.db } : {}),
    ...(options.session ? { store: options.session } : {}),
    engine: {
      random: () => 0.5,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.holdGraceMs !== undefined ? { holdGraceMs: options.holdGraceMs } : {}),
      ...(options.snapshotMinChanges !== undefined ? { snapshotMinChanges: options.snapshotMinChanges } : {}),
    },
  });
  const now = () => options.clock.now;
  const account: AccountDeps = { db, vault, engine, scheduler, now, ...(options.fetch ? { fetch: options.fetch } : {}) };
  return {
    name,
    db,
    session,
    vault,
    items,
    engine,
    rotation,
    scheduler,
    account,
    conflicts: createConflicts({ db, items, now }),
    restart: () => createDevice({ ...options, name, db, session }),
  };
}

export function login(fields: Partial<LoginItem> = {}, at = 1_700_000_000_000): LoginItem {
  return newItem(
    'login',
    { name: 'GitHub', username: 'octo', password: 'hunter2', urls: [{ url: 'https://github.com', match: 'default' }], ...fields },
    at,
  );
}

/** Creates the vault on `device`, saves `items`, signs up at `serverUrl` and runs the first sync. */
export async function signUpWith(device: Device, serverUrl: string, items: Item[] = [], options: { email?: string; inviteToken?: string } = {}) {
  await device.vault.create(PASSWORD);
  for (const item of items) await device.items.save(item);
  return signUp(device.account, {
    serverUrl,
    email: options.email ?? EMAIL,
    password: PASSWORD,
    deviceName: device.name,
    ...(options.inviteToken ? { inviteToken: options.inviteToken } : {}),
  });
}

/**
 * Logs `device` in. Test accounts use the floor KDF settings for speed, which a new device accepts
 * only after the user's confirmation: given here unless `acceptWeakerKdf` is false.
 */
export function logInWith(device: Device, serverUrl: string, options: { email?: string; password?: string; acceptWeakerKdf?: boolean } = {}) {
  return logIn(device.account, {
    serverUrl,
    email: options.email ?? EMAIL,
    password: options.password ?? PASSWORD,
    deviceName: device.name,
    acceptWeakerKdf: options.acceptWeakerKdf ?? true,
  });
}

export async function itemNamed(device: Device, name: string): Promise<Item | undefined> {
  const page = await device.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 1000 });
  const row = page.rows.find((r) => r.name === name);
  return row ? device.items.get(row.id) : undefined;
}
