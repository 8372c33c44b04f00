// sync.push / sync.pull: compare-and-swap per item in one transaction, consecutive revisions,
// conflicts with the current version, tombstones and their purge, pagination.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteItem, editItem, envelopes, newItem, registration } from '../helpers/fixtures';
import { DAY, createTestApp, errorCode, type TestApp } from '../helpers/test-app';

let t: TestApp;
let token: string;
let account: ReturnType<typeof registration>;
beforeEach(async () => {
  t = await createTestApp();
  account = registration();
  token = (await t.caller().account.register(account)).token;
});
afterEach(() => t.close());

const push = (items: Parameters<ReturnType<TestApp['caller']>['sync']['push']>[0]['items']) => t.caller(token).sync.push({ items });
const pull = (since: number, limit?: number) => t.caller(token).sync.pull(limit === undefined ? { since } : { since, limit });

describe('push', () => {
  it('gives accepted items consecutive revisions and pull returns them in order', async () => {
    const items = [newItem(), newItem(), newItem()];
    const result = await push(items);
    expect(result).toEqual({ accepted: items.map((item, i) => ({ id: item.id, revision: i + 1 })), conflicts: [], revision: 3 });
    const pulled = await pull(0);
    expect(pulled).toMatchObject({ resetRequired: false, revision: 3, hasMore: false });
    if (pulled.resetRequired) throw new Error('unexpected reset');
    expect(pulled.items.map((i) => [i.id, i.revision, i.deleted])).toEqual(items.map((item, i) => [item.id, i + 1, false]));
    expect(pulled.items[0]!.envelopes).toEqual(items[0]!.deleted ? null : items[0]!.envelopes);
    expect(await pull(3)).toEqual({ resetRequired: false, items: [], revision: 3, hasMore: false });
  });

  it("carries the header's manifest with a page that holds items, and not with an empty one (ADR 0023)", async () => {
    const vault = t.caller(token).vault;
    const manifest = Buffer.alloc(48, 7).toString('base64url');
    await vault.putHeader({ baseRevision: (await vault.getHeader()).revision, header: { ...account.header, manifest } });
    await push([newItem()]);
    expect(await pull(0)).toMatchObject({ items: [expect.anything()], manifest });
    // The idle poll stays as small as it was.
    expect(await pull(1)).toEqual({ resetRequired: false, items: [], revision: 1, hasMore: false });
  });

  it('applies fresh items and answers stale ones with the current version, in the same push', async () => {
    const item = newItem();
    await push([item]);
    const edit = editItem(item.id, 1);
    await push([edit]);

    const stale = editItem(item.id, 1);
    const fresh = newItem();
    const recreated = newItem({ id: item.id });
    const missing = editItem(randomUUID(), 7);
    const result = await push([stale, fresh, missing]);
    expect(result.accepted).toEqual([{ id: fresh.id, revision: 3 }]);
    expect(result.conflicts).toEqual([
      {
        id: item.id,
        current: { id: item.id, revision: 2, deleted: false, envelopes: edit.envelopes, updatedAt: t.clock.now },
      },
      { id: missing.id, current: null },
    ]);
    expect(result.revision).toBe(3);
    expect((await push([recreated])).conflicts).toHaveLength(1); // baseRevision 0 = must not exist
  });

  it('turns a delete into a tombstone without envelopes, which can be resurrected from its revision', async () => {
    const item = newItem();
    await push([item]);
    expect((await push([deleteItem(item.id, 1)])).accepted).toEqual([{ id: item.id, revision: 2 }]);
    const [row] = await t.sql.all('SELECT * FROM items');
    expect({ ...row, deleted: Boolean(row!.deleted) }).toMatchObject({
      deleted: true,
      key_envelope: null,
      overview_envelope: null,
      details_envelope: null,
    });
    const pulled = await pull(1);
    expect(pulled).toMatchObject({ items: [{ id: item.id, revision: 2, deleted: true, envelopes: null }] });
    expect((await push([editItem(item.id, 2)])).accepted).toEqual([{ id: item.id, revision: 3 }]);
  });

  it('rejects a push with one invalid item and writes nothing', async () => {
    const bad = { id: randomUUID(), baseRevision: 0, deleted: false as const, envelopes: { ...envelopes(), details: 'not base64url!' } };
    expect(await errorCode(push([newItem(), bad]))).toBe('BAD_REQUEST');
    expect(await errorCode(push([newItem(), { ...newItem(), baseRevision: -1 }]))).toBe('BAD_REQUEST');
    const twice = newItem();
    expect(await errorCode(push([twice, twice]))).toBe('BAD_REQUEST');
    expect(await pull(0)).toEqual({ resetRequired: false, items: [], revision: 0, hasMore: false });
  });
});

describe('pull', () => {
  it('pages through items by revision', async () => {
    const items = Array.from({ length: 25 }, () => newItem());
    await push(items);
    const seen: string[] = [];
    let since = 0;
    const flags: boolean[] = [];
    for (;;) {
      const page = await pull(since, 10);
      if (page.resetRequired) throw new Error('unexpected reset');
      seen.push(...page.items.map((i) => i.id));
      flags.push(page.hasMore);
      if (!page.hasMore) break;
      since = page.items.at(-1)!.revision;
    }
    expect(flags).toEqual([true, true, false]);
    expect(seen).toEqual(items.map((i) => i.id));
  });

  it('defaults to pages of 1000 items', async () => {
    for (let batch = 0; batch < 3; batch += 1) await push(Array.from({ length: 400 }, () => newItem({ envelopes: envelopes(4) })));
    const page = await pull(0);
    expect(page).toMatchObject({ hasMore: true, revision: 1200 });
    expect(page.resetRequired ? [] : page.items).toHaveLength(1000);
  });
});

describe('tombstones', () => {
  it('are purged after the retention period; a client behind the purge is told to resync', async () => {
    const [a, b, c] = [newItem(), newItem(), newItem()];
    await push([a, b, c]); // revisions 1..3
    await push([deleteItem(a.id, 1)]); // revision 4
    t.clock.now += 10 * DAY;
    await push([deleteItem(b.id, 2)]); // revision 5, younger

    t.clock.now += 85 * DAY; // a's tombstone is 95 days old, b's 85
    expect((await t.app.sync.purgeExpired()).tombstones).toBe(1);
    token = (await t.caller().account.login({ email: account.email, authKey: account.authKey, deviceName: 'x' })).token;

    expect(await pull(3)).toEqual({ resetRequired: true, revision: 5 });
    const full = await pull(0);
    if (full.resetRequired) throw new Error('a full pull never needs a reset');
    expect(full.items.map((i) => [i.id, i.deleted])).toEqual([
      [c.id, false],
      [b.id, true],
    ]);
    expect(await pull(4)).toMatchObject({ resetRequired: false, items: [{ id: b.id }] });
    // The purged id is free again.
    expect((await push([newItem({ id: a.id })])).accepted).toEqual([{ id: a.id, revision: 6 }]);
  });

  it('honours a configured retention period', async () => {
    const short = await createTestApp({ tombstoneRetentionDays: 1 });
    try {
      const grant = await short.caller().account.register(registration());
      const item = newItem();
      await short.caller(grant.token).sync.push({ items: [item] });
      await short.caller(grant.token).sync.push({ items: [deleteItem(item.id, 1)] });
      short.clock.now += DAY / 2;
      expect((await short.app.sync.purgeExpired()).tombstones).toBe(0);
      short.clock.now += DAY;
      expect((await short.app.sync.purgeExpired()).tombstones).toBe(1);
    } finally {
      await short.close();
    }
  });
});
