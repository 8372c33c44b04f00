// The import as one transaction (import/import-session.ts), composed as the service worker composes
// it, over fake-indexeddb: nothing is written before commit, commit writes everything at once (and
// sync's outbox records it), and cancel, a lock, a "restarted" worker or a stale id leave the vault
// exactly as it was. Duplicates: identical items skipped, a changed password offered as an update.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import type { Item, LoginItem } from '@keyhold/shared/items/item';
import { SyncDb } from '../../src/sync/sync-db';
import { IMPORT_IDLE_MS } from '../../src/import/import-session';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
let clock = 1_700_000_000_000;
const now = () => clock;

type World = ReturnType<typeof vaultWorld>;
const open: World[] = [];

async function world(from?: World): Promise<World> {
  const w = from ? vaultWorld({ now, db: new SyncDb(from.db.name), store: from.store }) : vaultWorld({ now });
  open.push(w);
  if (!from) await w.vault.create(PASSWORD);
  return w;
}

/** The worker is killed: its database connection closes (a new one may compose over the same data). */
function kill(w: World): void {
  open.splice(open.indexOf(w), 1);
  w.db.close();
}

afterEach(async () => {
  for (const w of open.splice(0)) {
    await w.vault.status();
    w.db.close();
  }
});

const login = (name: string, fields: Partial<LoginItem> = {}): LoginItem =>
  newItem(
    'login',
    { name, username: 'ada', password: `pw of ${name}`, urls: [{ url: `https://${name}.example`, match: 'default' }], ...fields },
    clock,
  );
const note = (name: string) => newItem('note', { name, text: `text of ${name}` }, clock);
const many = (n: number, prefix = 'site') => Array.from({ length: n }, (_, i) => login(`${prefix}${i}`));

/** Everything an import could touch: item rows, index and other meta records, sync's outbox. */
async function snapshot(w: World) {
  return { items: await w.db.items.toArray(), meta: await w.db.meta.toArray(), outbox: await w.db.outbox.toArray() };
}

async function names(w: World): Promise<string[]> {
  const page = await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10_000 });
  return page.rows.map((r) => r.name).sort();
}

async function stage(w: World, items: readonly Item[]): Promise<string> {
  const { importId } = await w.imports.begin(items.length);
  for (let i = 0; i < items.length; i += 500) await w.imports.add(importId, items.slice(i, i + 500));
  return importId;
}

describe('an import is one transaction', () => {
  it('stages without writing, then writes every item and the index in ONE transaction, recorded for sync', async () => {
    const w = await world();
    await w.items.save(note('already here'));
    const before = await snapshot(w);
    const importId = await stage(w, many(1200));
    expect(await snapshot(w)).toEqual(before);

    let transactions = 0;
    const transaction = w.db.transaction.bind(w.db) as (...args: unknown[]) => unknown;
    (w.db as { transaction: unknown }).transaction = (...args: unknown[]) => (transactions++, transaction(...args));
    const outcome = await w.imports.commit(importId, 'update');
    expect(transactions).toBe(1);
    expect(outcome).toEqual({ added: 1200, updated: 0, skipped: 0 });
    expect(await w.db.items.count()).toBe(1201);
    expect((await w.vault.status()).itemCount).toBe(1201);
    // The outbox holds every imported item: they sync like any other.
    expect(await w.db.outbox.count()).toBe(1201);
    expect(w.imports.current()).toEqual({ name: 'idle', importId: null });
  });

  it('gives every imported item a fresh id, and keeps its content', async () => {
    const w = await world();
    const source = login('github', { notes: 'kept', totp: 'JBSWY3DPEHPK3PXP' });
    await w.imports.commit(await stage(w, [source]), 'update');
    const [row] = await w.db.items.toArray();
    expect(row!.id).not.toBe(source.id);
    expect(await w.items.get(row!.id)).toMatchObject({ name: 'github', notes: 'kept', totp: 'JBSWY3DPEHPK3PXP', password: 'pw of github' });
  });

  it('cancel drops what was staged; the vault is unchanged and the id is refused afterwards', async () => {
    const w = await world();
    await w.items.save(note('already here'));
    const before = await snapshot(w);
    const importId = await stage(w, many(30));
    w.imports.cancel(importId);
    expect(await snapshot(w)).toEqual(before);
    await expect(w.imports.commit(importId, 'update')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.imports.add(importId, many(1))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a staging nobody speaks to for IMPORT_IDLE_MS is dropped; a touch keeps it, and says how far it is', async () => {
    const w = await world();
    const before = await snapshot(w);
    const kept = await stage(w, many(3));
    clock += IMPORT_IDLE_MS - 1_000;
    expect(w.imports.touch(kept)).toMatchObject({ received: 3, total: 3 });
    clock += IMPORT_IDLE_MS - 1_000;
    expect(w.imports.current()).toEqual({ name: 'staging', importId: kept });
    expect(await w.imports.commit(kept, 'update')).toEqual({ added: 3, updated: 0, skipped: 0 });

    const abandoned = await stage(w, many(2, 'other'));
    clock += IMPORT_IDLE_MS;
    expect(w.imports.current()).toEqual({ name: 'idle', importId: null });
    expect(() => w.imports.touch(abandoned)).toThrow(/no longer open/);
    await expect(w.imports.commit(abandoned, 'update')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await snapshot(w)).items).toHaveLength(before.items.length + 3);
  });

  it('a lock while staging ends the import: nothing written, and after unlocking the old id is refused', async () => {
    const w = await world();
    await w.items.save(note('already here'));
    const importId = await stage(w, many(20));
    await w.vault.lock();
    expect(w.imports.current().name).toBe('idle');
    await w.vault.unlock(PASSWORD);
    const before = await snapshot(w);
    await expect(w.imports.commit(importId, 'update')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(w)).toEqual(before);
    expect(await names(w)).toEqual(['already here']);
  });

  it('a lock while a chunk is being sealed: the chunk is refused as LOCKED and nothing is kept', async () => {
    const w = await world();
    const { importId } = await w.imports.begin(1000);
    const adding = w.imports.add(importId, many(500));
    const locking = w.vault.lock();
    const added = await adding.then(
      () => 'staged',
      (error: unknown) => (error as { code?: string }).code,
    );
    await locking;
    // Either the chunk finished before the lock drained it, or it was cut off; the staging is gone either way.
    expect(['staged', 'LOCKED']).toContain(added);
    expect(w.imports.current().name).toBe('idle');
    await w.vault.unlock(PASSWORD);
    await expect(w.imports.add(importId, many(1))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.db.items.count()).toBe(0);
  });

  it('a commit racing a lock writes everything or nothing', async () => {
    const w = await world();
    const importId = await stage(w, many(300));
    const committing = w.imports.commit(importId, 'update').then(
      (o) => o.added,
      () => 0,
    );
    await w.vault.lock();
    const added = await committing;
    await w.vault.unlock(PASSWORD);
    expect([0, 300]).toContain(added);
    expect(await w.db.items.count()).toBe(added);
    expect((await w.vault.status()).itemCount).toBe(added);
  });

  it('a new service worker has no staging: the vault is as it was and the old id is refused', async () => {
    const w = await world();
    await w.items.save(note('already here'));
    const importId = await stage(w, many(40));
    const before = await snapshot(w);
    kill(w);
    const next = await world(w);
    await expect(next.imports.commit(importId, 'update')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(next)).toEqual(before);
    expect(await names(next)).toEqual(['already here']);
  });

  it('one import at a time: a newer begin replaces the older, whose id is then refused', async () => {
    const w = await world();
    const first = await stage(w, many(3, 'first'));
    const second = await stage(w, many(2, 'second'));
    await expect(w.imports.commit(first, 'update')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await w.imports.commit(second, 'update');
    expect(await names(w)).toEqual(['second0', 'second1']);
  });

  it('refuses more items than announced, a commit before all arrived, and an import while locked', async () => {
    const w = await world();
    const { importId } = await w.imports.begin(2);
    await expect(w.imports.add(importId, many(3))).rejects.toMatchObject({ code: 'INVALID' });
    const again = await w.imports.begin(2);
    await w.imports.add(again.importId, many(1));
    await expect(w.imports.commit(again.importId, 'update')).rejects.toMatchObject({ code: 'INVALID' });
    await w.vault.lock();
    await expect(w.imports.begin(1)).rejects.toMatchObject({ code: 'LOCKED' });
    await w.vault.unlock(PASSWORD);
    expect(await w.db.items.count()).toBe(0);
  });
});

describe('duplicates', () => {
  it('skips identical items (in the vault, or twice in the file), whatever their id, times, folder or history', async () => {
    const w = await world();
    const existing = login('github');
    await w.items.save(existing);
    const copy = { ...login('github'), folder: 'Imported', createdAt: 5, updatedAt: 6 };
    const { importId } = await w.imports.begin(4);
    const progress = await w.imports.add(importId, [copy, note('new note'), note('new note'), login('gitlab')]);
    expect(progress).toEqual({ received: 4, total: 4, counts: { new: 2, identical: 2, updates: 0 } });
    expect(await w.imports.commit(importId, 'update')).toEqual({ added: 2, updated: 0, skipped: 2 });
    expect(await names(w)).toEqual(['github', 'gitlab', 'new note']);
  });

  it('offers the same site and username with another password as an update that keeps the old password in history', async () => {
    const w = await world();
    const existing = login('github', { password: 'old password' });
    await w.items.save(existing);
    clock += 1000;
    const changed = login('GitHub account', { password: 'new password', urls: [{ url: 'https://www.github.example/login', match: 'default' }] });
    const importId = await stage(w, [changed]);
    expect(w.imports.current().name).toBe('staging');
    const outcome = await w.imports.commit(importId, 'update');
    expect(outcome).toEqual({ added: 0, updated: 1, skipped: 0 });
    const updated = (await w.items.get(existing.id)) as LoginItem;
    expect(updated.password).toBe('new password');
    expect(updated.name).toBe('github');
    expect(updated.history).toEqual([expect.objectContaining({ value: 'old password', field: 'password', reason: 'changed' })]);
    expect(await w.db.items.count()).toBe(1);
    expect(await w.db.outbox.get(existing.id)).toBeDefined();
  });

  it('reports the update in the counts, and "add as new" leaves the existing login alone', async () => {
    const w = await world();
    const existing = login('github', { password: 'old password' });
    await w.items.save(existing);
    const { importId } = await w.imports.begin(1);
    const progress = await w.imports.add(importId, [login('github', { password: 'new password' })]);
    expect(progress.counts).toEqual({ new: 0, identical: 0, updates: 1 });
    expect(await w.imports.commit(importId, 'add')).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect(((await w.items.get(existing.id)) as LoginItem).password).toBe('old password');
    expect(await w.db.items.count()).toBe(2);
  });

  it('a login edited between staging and commit is not overwritten: the import is added as new', async () => {
    const w = await world();
    const existing = login('github', { password: 'old password' });
    await w.items.save(existing);
    const importId = await stage(w, [login('github', { password: 'imported password' })]);
    await w.items.save({ ...existing, password: 'edited meanwhile' });
    expect(await w.imports.commit(importId, 'update')).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect(((await w.items.get(existing.id)) as LoginItem).password).toBe('edited meanwhile');
  });

  it('does not match a login of another site, another username, or in the trash', async () => {
    const w = await world();
    await w.items.save(login('github', { password: 'a', username: 'bob' }));
    await w.items.save(login('gitlab', { password: 'a' }));
    await w.items.save(login('bitbucket', { password: 'a', trashedAt: clock }));
    const { importId } = await w.imports.begin(3);
    const progress = await w.imports.add(importId, [
      login('github', { password: 'b' }),
      login('gitlab.other'),
      login('bitbucket', { password: 'b' }),
    ]);
    expect(progress.counts).toEqual({ new: 3, identical: 0, updates: 0 });
  });
});
