// The highest revision seen per item is a rule of its own, not only the manifest's: right after
// this device's own write was accepted, and before it reached the manifest, the manifest still
// vouches for the previous revision — only the base (what this device last synced) refuses the
// server serving that previous revision again. No server is involved: the manifest copy vouches
// without asking.
import { describe, expect, it } from 'vitest';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import type { ServerItem } from '@keyhold/shared/sync/protocol';
import { classifyIncoming } from '../../src/sync/classify-incoming';
import { createBaseStore } from '../../src/sync/base-store';
import { createManifestBook } from '../../src/sync/manifest-book';
import { createServerClient } from '../../src/sync/server-client';
import type { SyncRun } from '../../src/sync/sync-run';
import type { SyncBaseRow } from '../../src/sync/sync-db';
import { createDevice, login, PASSWORD, type Device } from './helpers/device';

const live = (row: SealedItem, revision: number): ServerItem => ({
  id: row.id,
  revision,
  deleted: false,
  envelopes: { key: row.key, overview: row.overview, details: row.details },
  updatedAt: 0,
});

async function runFor(device: Device): Promise<SyncRun> {
  // A copy of the key that outlives the borrow: the test is the only one using it.
  const keys = await device.vault.borrow((u) => ({ accountId: u.accountId, vaultKey: u.vaultKey.slice() }));
  // Nothing listens there: a test that reached the network would fail.
  const client = createServerClient({ baseUrl: 'http://127.0.0.1:9' });
  const { state, reports } = device.engine;
  return {
    db: device.db,
    items: device.items,
    state,
    reports,
    client,
    keys,
    now: () => 0,
    bases: createBaseStore(device.db),
    book: createManifestBook({ db: device.db, state, client, keys, reports }),
  };
}

describe('classifyIncoming', () => {
  it('refuses a revision below this device base even when the manifest still vouches for it', async () => {
    const device = createDevice({ clock: { now: 1 } });
    await device.vault.create(PASSWORD);
    const item = login({ name: 'Mine', username: 'v1' });
    await device.items.save(item);
    const v1 = (await device.db.items.get(item.id))!;
    await device.items.save({ ...item, username: 'v2' });
    const v2 = (await device.db.items.get(item.id))!;
    await device.engine.state.put('manifest', [{ id: item.id, revision: 5, deleted: false }]);
    const run = await runFor(device);

    const noBase = await classifyIncoming(run, [live(v1, 5)], new Map());
    expect(noBase.verified.map((v) => v.server.revision)).toEqual([5]);

    const base: SyncBaseRow = { id: item.id, revision: 7, deleted: false, envelopes: { key: v2.key, overview: v2.overview, details: v2.details } };
    const withBase = await classifyIncoming(run, [live(v1, 5)], new Map([[item.id, base]]));
    expect(withBase.verified).toEqual([]);
    expect(withBase.rejected.map((r) => r.kind)).toEqual(['revision-backwards']);
    // The same version coming back is an echo, not an attack.
    expect((await classifyIncoming(run, [live(v2, 7)], new Map([[item.id, base]]))).echoes).toEqual([item.id]);
  });
});
