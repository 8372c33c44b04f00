// Every query is scoped by the session's account: another account's item ids cannot be read,
// overwritten or deleted, and trying looks exactly like the item not existing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { b64, deleteItem, editItem, newItem, registration } from '../helpers/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

it('keeps accounts apart even when they name the same item id', async () => {
  const alice = await t.caller().account.register(registration());
  const bob = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
  const secret = newItem();
  await t.caller(alice.token).sync.push({ items: [secret, newItem()] });

  // Read: Bob's pull does not show Alice's items, and his revision counter is his own.
  expect(await t.caller(bob.token).sync.pull({ since: 0 })).toEqual({ resetRequired: false, items: [], revision: 0, hasMore: false });

  // Overwrite and delete by id with Alice's revision: not found, nothing changes.
  const overwrite = await t.caller(bob.token).sync.push({ items: [editItem(secret.id, 1)] });
  expect(overwrite).toEqual({ accepted: [], conflicts: [{ id: secret.id, current: null }], revision: 0 });
  const remove = await t.caller(bob.token).sync.push({ items: [deleteItem(secret.id, 1)] });
  expect(remove).toEqual({ accepted: [], conflicts: [{ id: secret.id, current: null }], revision: 0 });

  // Creating the same id makes Bob's own item; Alice's stays as it was.
  const bobsCopy = newItem({ id: secret.id });
  expect((await t.caller(bob.token).sync.push({ items: [bobsCopy] })).accepted).toEqual([{ id: secret.id, revision: 1 }]);
  const alicePull = await t.caller(alice.token).sync.pull({ since: 0 });
  expect(alicePull).toMatchObject({ revision: 2, items: [{ id: secret.id, revision: 1, envelopes: secret.envelopes }, {}] });
  const bobPull = await t.caller(bob.token).sync.pull({ since: 0 });
  expect(bobPull).toMatchObject({ revision: 1, items: [{ id: secret.id, envelopes: bobsCopy.envelopes }] });

  // Headers and sessions are per account too.
  expect((await t.caller(bob.token).vault.getHeader()).header).not.toEqual((await t.caller(alice.token).vault.getHeader()).header);
  expect((await t.caller(bob.token).session.list()).map((s) => s.id)).toEqual([bob.sessionId]);
});

it("keeps each account's index snapshot its own, even under the same snapshot id", async () => {
  const alice = await t.caller().account.register(registration());
  const bob = await t.caller().account.register(registration({ inviteToken: await t.invite() }));
  const snapshotId = b64(16);
  const aliceChunks = [b64(100), b64(100)];
  for (const [index, chunk] of aliceChunks.entries()) {
    await t.caller(alice.token).vault.putSnapshot({ snapshotId, index, count: 2, chunk });
  }

  // Read: Bob has no snapshot, by Alice's id or without one.
  expect(await t.caller(bob.token).vault.getSnapshot({ index: 0 })).toEqual({ snapshot: null });
  expect(await t.caller(bob.token).vault.getSnapshot({ snapshotId, index: 0 })).toEqual({ snapshot: null });

  // Write: Alice's id is not complete for Bob (nothing refused, nothing learnt); his chunk starts his own
  // upload, which neither replaces Alice's snapshot nor drops its chunks as an abandoned upload.
  expect(await t.caller(bob.token).vault.putSnapshot({ snapshotId, index: 0, count: 2, chunk: b64(100) })).toEqual({ complete: false });
  expect(await t.caller(bob.token).vault.putSnapshot({ snapshotId: b64(16), index: 0, count: 1, chunk: b64(100) })).toEqual({ complete: true });
  for (const [index, chunk] of aliceChunks.entries()) {
    expect(await t.caller(alice.token).vault.getSnapshot({ snapshotId, index })).toEqual({ snapshot: { snapshotId, count: 2, index, chunk } });
  }
  expect((await t.caller(bob.token).vault.getSnapshot({ index: 0 })).snapshot?.snapshotId).not.toBe(snapshotId);
});
