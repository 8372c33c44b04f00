// A held change released at the end of a run must not strand this device's own edit until the next
// poll. Reproduces a race seen in the two-browser e2e: A deleted an item and pushed, but its manifest
// entry was not written yet when B pulled, so B held the deletion — and with it B's own pending edit of
// that item. Once A's entry is there, ONE "Sync now" on B must release the deletion, merge it with the
// edit (the edit wins, the item stays) and push the result: nothing left pending.
import { expect, it } from 'vitest';
import type { LoginItem } from '@keyhold/shared/items/item';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createDevice, itemNamed, login, logInWith, signUpWith, type Clock } from './helpers/device';

let server!: RealServer;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_760_000_000_000 };

it("a deletion held for want of its manifest entry, then released, does not leave B's own edit unpushed", async () => {
  // A's manifest writes can be held back, as if A were slow (or lost) between its push and its entry.
  let holdManifest = false;
  const fetchA: typeof fetch = async (resource, init) => {
    const url = typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : resource.url;
    if (holdManifest && url.includes('/trpc/vault.putHeader')) throw new TypeError('fetch failed');
    return fetch(resource, init);
  };
  const email = 'held-release@example.org';
  const a = createDevice({ clock, name: 'A', fetch: fetchA });
  expect(await signUpWith(a, server.url, [login({ name: 'Mail', username: 'before' })], { email, inviteToken: server.invite() })).toMatchObject({
    ok: true,
  });
  const b = createDevice({ clock, name: 'B' });
  expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });

  const id = (await itemNamed(a, 'Mail'))!.id;
  await a.items.deleteForever([id]);
  holdManifest = true;
  await a.engine.syncNow(); // the deletion is on the server; A's manifest entry for it is not
  const edited = (await itemNamed(b, 'Mail')) as LoginItem;
  await b.items.save({ ...edited, username: 'edited-on-B' });
  await b.engine.syncNow();
  expect((await b.engine.status()).held).toBe(1);

  holdManifest = false;
  await a.engine.syncNow(); // A writes its owed entry
  expect(await b.engine.syncNow()).toMatchObject({ ok: true });
  const status = await b.engine.status();
  expect(status).toMatchObject({ held: 0, pendingChanges: 0, conflicts: 0 });
  await a.engine.syncNow();
  for (const device of [a, b]) expect(((await itemNamed(device, 'Mail')) as LoginItem | undefined)?.username).toBe('edited-on-B');
}, 60_000);
