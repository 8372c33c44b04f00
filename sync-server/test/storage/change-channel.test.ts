// The storage's change channel (live push, docs/adr/0013-live-push.md) on the configured database:
// an announcement reaches every listener; on PostgreSQL it goes through NOTIFY, a malformed
// notification is ignored, and a listening connection the database drops is replaced.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AccountChange } from '../../src/storage/port';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let unlisten: (() => Promise<void>) | undefined;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await unlisten?.();
  unlisten = undefined;
  await db.close();
});

const ACCOUNT = '6f1c1c3e-8a57-4c55-9f0b-0d8f7c1b2a3d';

async function heard(): Promise<AccountChange[]> {
  const changes: AccountChange[] = [];
  unlisten = await db.storage.changes.listen((change) => changes.push(change));
  return changes;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('delivers an announcement to its listeners, and no longer after they stop', async () => {
  const changes = await heard();
  await db.storage.changes.publish({ accountId: ACCOUNT, revision: 7 });
  await until(() => changes.length === 1, 2_000);
  expect(changes).toEqual([{ accountId: ACCOUNT, revision: 7 }]);
  await unlisten!();
  unlisten = undefined;
  await db.storage.changes.publish({ accountId: ACCOUNT, revision: 8 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(changes).toHaveLength(1);
});

it.runIf(testDatabaseUrl() !== undefined)(
  'ignores a malformed notification, and listens again after the database drops it (PostgreSQL)',
  async () => {
    const changes = await heard();
    await db.sql.exec(`SELECT pg_notify('keyhold_account_changes', 'not an account:1'); SELECT pg_notify('keyhold_account_changes', '${ACCOUNT}:x')`);
    await db.storage.changes.publish({ accountId: ACCOUNT, revision: 1 });
    await until(() => changes.length === 1, 2_000);
    expect(changes).toEqual([{ accountId: ACCOUNT, revision: 1 }]);

    // As after a database restart or an idle timeout: the LISTEN connection is killed.
    const killed = await db.sql.all<{ killed: boolean }>(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE query = 'LISTEN keyhold_account_changes'",
    );
    expect(killed.length).toBeGreaterThan(0);
    const deadline = Date.now() + 5_000;
    while (changes.length < 2 && Date.now() < deadline) {
      await db.storage.changes.publish({ accountId: ACCOUNT, revision: 2 });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(changes[1]).toEqual({ accountId: ACCOUNT, revision: 2 });
  },
);
