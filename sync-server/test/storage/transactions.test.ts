// The storage port's unit of work, on whichever adapter KEYHOLD_TEST_DATABASE selects: all or
// nothing, invisible to others until committed, and concurrent writers to one account or to the
// audit chain queue up instead of losing or duplicating anything.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify-audit-log';
import { deriveServerKeys } from '../../src/config/server-secret';
import { newItem, registration } from '../helpers/fixtures';
import { TEST_SECRET, createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let token: string;
let accountId: string;
beforeEach(async () => {
  t = await createTestApp();
  ({ token, accountId } = await t.caller().account.register(registration()));
});
afterEach(() => t.close());

it('rolls back every write of a unit of work that throws', async () => {
  const failed = t.app.storage.transaction(async (tx) => {
    await tx.items.put(accountId, [{ id: newItem().id, revision: 1, deleted: true, envelopes: null, updatedAt: 0 }]);
    await tx.items.setRevision(accountId, 1);
    await tx.registration.close();
    throw new Error('changed my mind');
  });
  await expect(failed).rejects.toThrow('changed my mind');
  expect(await t.caller(token).sync.pull({ since: 0 })).toEqual({ resetRequired: false, items: [], revision: 0, hasMore: false });
});

it('keeps uncommitted writes from single calls made meanwhile', async () => {
  let release!: () => void;
  const paused = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const unit = t.app.storage.transaction(async (tx) => {
    await tx.items.put(accountId, [{ id: newItem().id, revision: 1, deleted: true, envelopes: null, updatedAt: 0 }]);
    await tx.items.setRevision(accountId, 1);
    written();
    await paused;
    throw new Error('rolled back');
  });
  await wrote;
  const seen = t.app.storage.items.changesSince({ accountId, since: 0, limit: 10 });
  release();
  await expect(unit).rejects.toThrow('rolled back');
  expect(await seen).toEqual({ revision: 0, purgedThrough: 0, items: [] });
});

it('gives concurrent pushes to one account consecutive revisions, none lost or repeated', async () => {
  const pushes = Array.from({ length: 12 }, () => Array.from({ length: 5 }, () => newItem()));
  const results = await Promise.all(pushes.map((items) => t.caller(token).sync.push({ items })));
  const revisions = results.flatMap((result) => result.accepted.map((accepted) => accepted.revision)).sort((a, b) => a - b);
  expect(revisions).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  for (const result of results) {
    const own = result.accepted.map((accepted) => accepted.revision);
    expect(own).toEqual(own.map((_, i) => own[0]! + i)); // one push's items are consecutive
  }
  const pulled = await t.caller(token).sync.pull({ since: 0 });
  expect(pulled).toMatchObject({ revision: 60, hasMore: false });
});

it('keeps the audit chain intact under concurrent appends', async () => {
  await Promise.all(Array.from({ length: 15 }, () => t.invite()));
  expect(await verifyAuditLog(t.app.storage.audit, deriveServerKeys(TEST_SECRET).audit)).toEqual({ ok: true, events: 17 });
});

it('runs both of two units of work that lock the same rows in opposite order (a deadlock is retried)', async () => {
  const other = (await t.caller().account.register(registration({ inviteToken: await t.invite() }))).accountId;
  // Both hold their first lock before either asks for its second; on SQLite the second unit waits
  // for the first to finish, so the meeting point gives up after a moment.
  let arrived = 0;
  const bothLocked = () =>
    new Promise<void>((resolve) => {
      arrived += 1;
      const poll = setInterval(() => {
        if (arrived >= 2) resolve(clearInterval(poll));
      }, 5);
      setTimeout(() => resolve(clearInterval(poll)), 300);
    });
  const attempts = { ab: 0, ba: 0 };
  const lockBoth = (first: string, second: string, name: keyof typeof attempts) =>
    t.app.storage.transaction(async (tx) => {
      attempts[name] += 1;
      await tx.items.lockRevision(first);
      await bothLocked();
      await tx.items.lockRevision(second);
      await tx.items.setRevision(first, 0);
      return name;
    });
  expect(await Promise.all([lockBoth(accountId, other, 'ab'), lockBoth(other, accountId, 'ba')])).toEqual(['ab', 'ba']);
  if (t.app.storage.dialect === 'postgres') expect(attempts.ab + attempts.ba).toBe(3); // one was chosen as the deadlock victim
});
