// Unlock from the index head (ADR 0007): the first page and the page's suggestion candidates come
// from the head and one or two site buckets; the body loads after the reply. Every part is sealed and
// bound to its name and its write, so a damaged, swapped or out-of-step part falls back to loading the
// whole index — never a wrong answer. Real IndexedDB implementation (fake-indexeddb) in Node.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import type { MetaRow } from '../../src/vault/db';
import type { SyncDb } from '../../src/sync/sync-db';
import type { VaultService } from '../../src/vault/vault-service';
import type { ItemService } from '../../src/vault/item-service';
import { vaultWorld } from '../helpers/vault-world';
import { bucketKey, bucketsFor, fastSiteBucketer, HEAD_ROWS, siteBucketer } from '../../src/vault/index-store';
import { ANY_SITE, SITE_BUCKETS } from '../../src/vault/overview-index';
import { rankSuggestions } from '../../src/autofill/service/suggestions';

const PASSWORD = 'correct horse battery staple 42';
const PAGE = 'https://github.com/login';
const ALL = { filter: { kind: 'all' as const }, query: '', offset: 0, limit: HEAD_ROWS };
let clock = 1_700_000_000_000;
const now = () => clock;

type World = { db: SyncDb; vault: VaultService; items: ItemService };
let w: World;
let opened: VaultService[] = [];

function world(db?: SyncDb): World {
  const made = vaultWorld({ now, ...(db ? { db } : {}) });
  opened.push(made.vault);
  return { db: made.db, vault: made.vault, items: made.items };
}

const login = (name: string, url: string, match: 'default' | 'regex' = 'default') =>
  newItem('login', { name, username: `${name.toLowerCase()}@example.com`, password: 'pw', urls: [{ url, match }] }, clock++);

beforeEach(async () => {
  w = world();
  await w.vault.create(PASSWORD);
  await w.items.importMany([
    login('GitHub', 'https://github.com'),
    login('GitHub work', 'https://github.com/enterprise'),
    login('Gist', 'https://gist.github.com'),
    login('GitLab', 'https://gitlab.com'),
    login('Any code host', 'https://(github|gitlab)\\.com/.*', 'regex'),
    newItem('note', { name: 'A note', text: 'hello' }, clock++),
  ]);
  await w.vault.lock();
});
afterEach(async () => {
  // Unlock answers before the body is loaded: let every load finish before the database closes.
  await Promise.all(opened.map((v) => v.status()));
  opened = [];
  w.db.close();
});

/** The same vault after a service-worker restart: nothing in memory. */
const fresh = () => world(w.db);

async function unlockFresh(pageUrl: string | null = PAGE) {
  const v = fresh();
  const preview = await v.vault.unlock(PASSWORD, { pageUrl: Promise.resolve(pageUrl) });
  return { ...v, preview };
}

/** A copy of the vault key (a lock wipes the services' own), and its site → bucket function. */
async function bucketOf(site: string): Promise<number> {
  const v = fresh();
  await v.vault.unlock(PASSWORD);
  const key = await v.vault.borrow((u) => u.vaultKey.slice());
  return siteBucketer(key)(site);
}

async function metaValue(key: MetaRow['key']): Promise<Uint8Array> {
  return (await w.db.meta.get(key))!.value as Uint8Array;
}

describe('unlock from the index head', () => {
  it('answers with the first page and the page’s candidates, the same as the whole index does', async () => {
    const { vault, items, preview } = await unlockFresh();
    expect(preview).not.toBeNull();
    const index = await vault.borrow((u) => u.index);
    expect(preview!.size).toBe(6);
    expect(preview!.page).toEqual(await items.list(ALL));
    const fromPreview = rankSuggestions(preview!.candidates, PAGE).map((s) => s.overview.name);
    const fromIndex = rankSuggestions(index.candidatesFor(PAGE), PAGE).map((s) => s.overview.name);
    expect(fromPreview).toEqual(fromIndex);
    expect(new Set(fromPreview)).toEqual(new Set(['GitHub', 'GitHub work', 'Gist', 'Any code host']));
  });

  it('holds nothing of other sites’ buckets, and no page means no bucket at all', async () => {
    const { preview } = await unlockFresh('https://gitlab.com/');
    expect(preview!.candidates.map((o) => o.name).sort()).toEqual(['Any code host', 'GitLab']);
    const key = new Uint8Array(32).fill(7);
    expect(bucketsFor(null, key)).toEqual([]);
    expect(bucketsFor('https://gitlab.com/', key)).toEqual(expect.arrayContaining([siteBucketer(key)(ANY_SITE), siteBucketer(key)('gitlab.com')]));
    const none = await unlockFresh(null);
    expect(none.preview!.candidates).toEqual([]);
    expect(none.preview!.page.rows).toHaveLength(6);
  });

  it('loads the body after answering; lists, search and writes then see every item', async () => {
    const { vault, items, preview } = await unlockFresh();
    expect(preview).not.toBeNull();
    expect((await items.list({ ...ALL, query: 'gitlab' })).rows.map((r) => r.name)).toEqual(['GitLab']);
    await items.save(login('Zed', 'https://zed.dev'));
    expect((await vault.status()).itemCount).toBe(7);
  });

  it('a lock while the body loads wins: the vault is locked and the key is wiped', async () => {
    const v = fresh();
    const preview = await v.vault.unlock(PASSWORD, { pageUrl: Promise.resolve(PAGE) });
    expect(preview).not.toBeNull();
    await v.vault.lock();
    expect(await v.vault.isUnlocked()).toBe(false);
    expect((await v.vault.status()).state).toBe('locked');
  });

  it('two popups unlocking at once, or again while unlocked, leave one working key in use', async () => {
    const v = fresh();
    const [a, b] = await Promise.all([v.vault.unlock(PASSWORD, { pageUrl: Promise.resolve(PAGE) }), v.vault.unlock(PASSWORD)]);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    const index = await v.vault.borrow((u) => u.index);
    const id = (await v.items.list(ALL)).rows[0]!.id;
    await v.vault.unlock(PASSWORD);
    await new Promise((resolve) => setTimeout(resolve, 100)); // whatever the second unlock loads, it has
    expect(await v.vault.borrow((u) => u.index)).toBe(index);
    expect(await v.vault.borrow((u) => u.vaultKey.some((byte) => byte !== 0))).toBe(true);
    expect((await v.items.get(id)).id).toBe(id);
  });

  it('a write re-seals the head, the body and only the buckets whose logins changed', async () => {
    const { items, preview } = await unlockFresh();
    expect(preview).not.toBeNull();
    const before = new Map((await w.db.meta.toArray()).map((r) => [r.key, r.value]));
    await items.save(login('GitLab 2', 'https://gitlab.com/two'));
    const after = new Map((await w.db.meta.toArray()).map((r) => [r.key, r.value]));
    const changed = [...after.keys()].filter(
      (k) => k.startsWith('overview') && before.get(k) !== undefined && !bytesEqual(before.get(k), after.get(k)),
    );
    expect(changed.sort()).toEqual(['overviewHead', 'overviewIndex', bucketKey(await bucketOf('gitlab.com'))].sort());
    const again = await unlockFresh('https://gitlab.com/');
    expect(again.preview!.candidates.map((o) => o.name).sort()).toEqual(['Any code host', 'GitLab', 'GitLab 2']);
  });
});

describe('site buckets', () => {
  it('puts every site in the same bucket whether it hashes in JavaScript or on WebAssembly', async () => {
    const sites = [
      ANY_SITE,
      'gitlab.com',
      'xn--bcher-kva.example',
      '127.0.0.1',
      'localhost',
      ...Array.from({ length: 500 }, (_, i) => `site${i}.example.co.uk`),
    ];
    for (const fill of [1, 2, 3]) {
      // Two key objects with the same bytes: each has its own bucketer and memo.
      const plain = siteBucketer(new Uint8Array(32).fill(fill));
      const fast = await fastSiteBucketer(new Uint8Array(32).fill(fill));
      expect(sites.map(fast)).toEqual(sites.map(plain));
    }
  });

  it('which bucket a site falls in depends on the vault key, so bucket sizes say nothing about a site', () => {
    const sites = Array.from({ length: 64 }, (_, i) => `site${i}.example`);
    const a = siteBucketer(new Uint8Array(32).fill(1));
    const b = siteBucketer(new Uint8Array(32).fill(2));
    const same = sites.filter((s) => a(s) === b(s)).length;
    expect(same).toBeLessThan(8); // 1 in 64 by chance
    expect(new Set(sites.map(a)).size).toBeGreaterThan(30); // and they spread
  });
});

describe('a part that cannot be trusted falls back to the whole index', () => {
  it('a flipped bit in the head', async () => {
    const head = await metaValue('overviewHead');
    head[head.length - 3]! ^= 1;
    await w.db.meta.put({ key: 'overviewHead', value: head });
    const { vault, preview } = await unlockFresh();
    expect(preview).toBeNull();
    expect((await vault.status()).itemCount).toBe(6);
    // Unlock repaired the parts: the next unlock answers from the head again.
    expect((await unlockFresh()).preview).not.toBeNull();
  });

  it('a bucket stored under another bucket’s name', async () => {
    const github = await bucketOf('github.com');
    const other = (github + 1) % SITE_BUCKETS;
    await w.db.meta.put({ key: bucketKey(github), value: await metaValue(bucketKey(other)) });
    expect((await unlockFresh()).preview).toBeNull();
  });

  it('a bucket from an earlier write (rolled back), and a missing bucket', async () => {
    const key = bucketKey(await bucketOf('github.com'));
    const old = await metaValue(key);
    const { items } = await unlockFresh();
    await items.save(login('GitHub 2', 'https://github.com/two'));
    await w.db.meta.put({ key, value: old });
    expect((await unlockFresh()).preview).toBeNull();
    await w.db.meta.delete(key);
    expect((await unlockFresh()).preview).toBeNull();
    expect((await unlockFresh()).preview!.candidates.map((o) => o.name)).toContain('GitHub 2');
  });

  it('a head that does not count the stored items', async () => {
    const { items } = await unlockFresh();
    const head = await metaValue('overviewHead');
    await items.save(login('Newer', 'https://newer.example'));
    await w.db.meta.put({ key: 'overviewHead', value: head });
    const { vault, preview } = await unlockFresh(null);
    expect(preview).toBeNull();
    expect((await vault.status()).itemCount).toBe(7);
  });

  it('a vault written before heads existed', async () => {
    await w.db.meta.bulkDelete(['overviewHead', ...Array.from({ length: SITE_BUCKETS }, (_, b) => bucketKey(b))]);
    const { vault, preview } = await unlockFresh();
    expect(preview).toBeNull();
    expect((await vault.status()).itemCount).toBe(6);
    expect((await unlockFresh()).preview).not.toBeNull();
  });

  it('a body from another write than the head is replaced once loaded', async () => {
    const body = await metaValue('overviewIndex');
    const { items } = await unlockFresh();
    const first = (await items.list(ALL)).rows[0]!;
    await items.update([first.id], { favorite: true });
    await w.db.meta.put({ key: 'overviewIndex', value: body });
    const reopened = await unlockFresh();
    expect(reopened.preview).not.toBeNull();
    // The items decide: the index is rebuilt from them (the favorite is kept), and sealed again.
    const favorites = await reopened.items.list({ ...ALL, filter: { kind: 'favorites' } });
    expect(favorites.rows.map((r) => r.id)).toEqual([first.id]);
    expect(bytesEqual(await metaValue('overviewIndex'), body)).toBe(false);
    expect((await unlockFresh()).preview).not.toBeNull();
  });
});

function bytesEqual(a: unknown, b: unknown): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return a === b;
  return a.every((x, i) => x === b[i]);
}
