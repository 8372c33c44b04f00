// `keyhold-server copy`'s core: a 10,000-item vault moved from SQLite to the configured database
// (PostgreSQL under KEYHOLD_TEST_DATABASE, else another SQLite file) pulls the same, keeps its
// devices signed in, its manifest tree's nodes byte for byte, and its audit chain still verifies; a
// non-empty destination is refused. Index snapshots, the complete one and an upload under way, go
// there and back (SQLite to the configured database to SQLite).
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PullOutput } from '@keyhold/shared/sync/protocol';
import { verifyAuditLog } from '../../src/audit/verify-audit-log';
import { deriveServerKeys } from '../../src/config/server-secret';
import { copyDatabase } from '../../src/storage/copy-database';
import { b64, envelopes, newItem, registration } from '../helpers/fixtures';
import { buildTree, hashOf, leaf } from '../helpers/manifest-tree';
import { TEST_SECRET, createTestApp, type TestApp } from '../helpers/test-app';
import { createTestDatabase } from '../helpers/test-database';

let source: TestApp;
beforeEach(async () => {
  source = await createTestApp({ database: await createTestDatabase({ sqlite: true }) });
});
afterEach(() => source.close());

async function pullAll(app: TestApp, token: string) {
  const pages: PullOutput[] = [];
  for (let since = 0; ;) {
    const page = await app.caller(token).sync.pull({ since, limit: 5000 });
    pages.push(page);
    if (page.resetRequired || !page.hasMore) return pages;
    since = page.items.at(-1)!.revision;
  }
}

it('moves a 10,000-item vault with its sessions and an intact audit chain', async () => {
  const owner = await source.caller().account.register(registration());
  const guest = await source.caller().account.register(registration({ inviteToken: await source.invite() }));
  for (let batch = 0; batch < 20; batch += 1) {
    await source.caller(owner.token).sync.push({ items: Array.from({ length: 500 }, () => newItem({ envelopes: envelopes(200) })) });
  }
  await source.caller(guest.token).sync.push({ items: [newItem(), newItem()] });
  const tree = buildTree(
    Array.from({ length: 300 }, () => leaf()),
    owner,
  );
  await source.caller(owner.token).vault.putNodes({ nodes: tree.nodes });
  await source
    .caller(owner.token)
    .vault.putHeader({ baseRevision: 1, header: { ...(await source.caller(owner.token).vault.getHeader()).header, manifest: tree.manifest } });
  const nodes = await source.caller(owner.token).vault.getNodes({ hashes: tree.nodes.slice(0, 256).map(hashOf) });
  // Pulled once the header holds the root: a page that brings items carries it.
  const before = await pullAll(source, owner.token);

  const destination = await createTestApp();
  try {
    const counts = await copyDatabase(source.app.storage, destination.app.storage);
    expect(counts).toMatchObject({
      accounts: 2,
      items: 10_002,
      sessions: 2,
      invites: 1,
      manifest_nodes: tree.nodes.length,
      audit_log: 5,
      audit_head: 1,
      server_meta: 1,
    });
    destination.clock.now = source.clock.now;
    expect(await pullAll(destination, owner.token)).toEqual(before);
    expect(await destination.caller(owner.token).vault.getNodes({ hashes: tree.nodes.slice(0, 256).map(hashOf) })).toEqual(nodes);
    expect(nodes.nodes).toHaveLength(256);
    expect((await destination.caller(guest.token).session.list()).map((s) => s.id)).toEqual([guest.sessionId]);
    expect(await verifyAuditLog(destination.app.storage.audit, deriveServerKeys(TEST_SECRET).audit)).toEqual({ ok: true, events: 5 });
    // The copy carries on where the original stopped: the next push gets the next revision.
    expect((await destination.caller(owner.token).sync.push({ items: [newItem()] })).accepted[0]!.revision).toBe(10_001);

    await expect(copyDatabase(source.app.storage, destination.app.storage)).rejects.toThrow(/not empty/);
  } finally {
    await destination.close();
  }
});

it('carries index snapshots there and back, the complete one and an upload under way', async () => {
  const owner = await source.caller().account.register(registration());
  const current = b64(16);
  // More chunks than one page of them (copy-database.ts reads chunks a few at a time).
  const chunks = Array.from({ length: 10 }, (_, i) => b64(1000 + i));
  for (const [index, chunk] of chunks.entries()) {
    await source.caller(owner.token).vault.putSnapshot({ snapshotId: current, index, count: chunks.length, chunk });
  }
  const upload = b64(16);
  await source.caller(owner.token).vault.putSnapshot({ snapshotId: upload, index: 0, count: 2, chunk: b64(500) });
  const readAll = async (app: TestApp) => {
    const request = (index: number) => app.caller(owner.token).vault.getSnapshot({ snapshotId: current, index });
    return Promise.all(chunks.map((_, index) => request(index)));
  };
  const before = await readAll(source);
  expect(before.map((answer) => answer.snapshot?.chunk)).toEqual(chunks);

  const there = await createTestApp();
  const back = await createTestApp({ database: await createTestDatabase({ sqlite: true }) });
  try {
    expect(await copyDatabase(source.app.storage, there.app.storage)).toMatchObject({ index_snapshots: 1, index_snapshot_chunks: 11 });
    expect(await copyDatabase(there.app.storage, back.app.storage)).toMatchObject({ index_snapshots: 1, index_snapshot_chunks: 11 });
    for (const copy of [there, back]) {
      copy.clock.now = source.clock.now;
      expect(await readAll(copy)).toEqual(before);
      // The upload under way carries on: its last chunk makes it the current snapshot.
      const last = await copy.caller(owner.token).vault.putSnapshot({ snapshotId: upload, index: 1, count: 2, chunk: b64(500) });
      expect(last).toEqual({ complete: true });
      expect((await copy.caller(owner.token).vault.getSnapshot({ index: 0 })).snapshot).toMatchObject({ snapshotId: upload, count: 2 });
    }
  } finally {
    await there.close();
    await back.close();
  }
});
